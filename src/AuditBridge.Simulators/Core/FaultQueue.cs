using System.Diagnostics.CodeAnalysis;

namespace AuditBridge.Simulators.Core;

/// <summary>
/// Faults waiting for their requests. A request takes the oldest pending fault that applies to it and has no requests
/// left to skip; every other applicable fault counts the request towards its <see cref="SimulatorFault.Skip"/>, and
/// faults for other routes stay queued. A fault with <see cref="SimulatorFault.Times"/> N answers N requests in a row
/// before it leaves the queue. Thread-safe.
/// </summary>
/// <typeparam name="TFault">The vendor's fault record.</typeparam>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue of faults, first in first out; the name is the agreed public API.")]
public sealed class FaultQueue<TFault>
    where TFault : SimulatorFault
{
    private readonly Lock _gate = new();
    private readonly List<PendingFault> _pending = [];
    private readonly int _allRoutes;

    /// <param name="allRoutes">Every route bit of the vendor: a fault must name at least one.</param>
    internal FaultQueue(int allRoutes)
    {
        _allRoutes = allRoutes;
    }

    /// <summary>How many faults are still waiting (a fault with <c>Times</c> N counts once).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="fault"/> for the next matching request(s).</summary>
    /// <exception cref="ArgumentException">Times below 1, Skip below 0, no route, or a route the fault cannot take.</exception>
    public void Enqueue(TFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(fault.Times, 1, nameof(fault));
        ArgumentOutOfRangeException.ThrowIfNegative(fault.Skip, nameof(fault));
        if (fault.Problem(_allRoutes) is { } problem)
        {
            throw new ArgumentException(problem, nameof(fault));
        }

        lock (_gate)
        {
            _pending.Add(new PendingFault(fault));
        }
    }

    /// <summary>Drops every pending fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
        }
    }

    /// <summary>The fault <paramref name="request"/> on <paramref name="route"/> takes, or null; counts skips and uses.</summary>
    internal TFault? TryTake(int route, HttpRequest request)
    {
        lock (_gate)
        {
            TFault? taken = null;
            for (var i = 0; i < _pending.Count; i++)
            {
                var pending = _pending[i];
                if (!pending.Fault.AppliesTo(route, request))
                {
                    continue;
                }

                if (pending.Skip > 0)
                {
                    pending.Skip--;
                    continue;
                }

                if (taken is null)
                {
                    taken = pending.Fault;
                    if (--pending.Remaining == 0)
                    {
                        _pending.RemoveAt(i--);
                    }
                }
            }

            return taken;
        }
    }

    private sealed class PendingFault(TFault fault)
    {
        public TFault Fault { get; } = fault;

        public int Remaining { get; set; } = fault.Times;

        public int Skip { get; set; } = fault.Skip;
    }
}
