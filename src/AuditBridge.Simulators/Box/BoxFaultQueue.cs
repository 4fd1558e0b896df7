using System.Diagnostics.CodeAnalysis;

namespace AuditBridge.Simulators.Box;

/// <summary>
/// Faults waiting for their requests. A request takes the oldest pending fault that applies to it and has no requests
/// left to skip; every other applicable fault counts the request towards its <see cref="BoxFault.Skip"/>. Thread-safe.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue of faults, first in first out, like DropboxFaultQueue.")]
public sealed class BoxFaultQueue
{
    private readonly Lock _gate = new();
    private readonly List<PendingFault> _pending = [];

    internal BoxFaultQueue()
    {
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
    public void Enqueue(BoxFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(fault.Times, 1, nameof(fault));
        ArgumentOutOfRangeException.ThrowIfNegative(fault.Skip, nameof(fault));
        if ((fault.Route & BoxRoute.Any) == BoxRoute.None)
        {
            throw new ArgumentException("A fault needs at least one route.", nameof(fault));
        }

        if (fault.Kind == BoxFaultKind.InvalidStreamPosition && (fault.Route & BoxRoute.Events) == BoxRoute.None)
        {
            throw new ArgumentException("An invalid stream position only applies to the events route.", nameof(fault));
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

    internal BoxFault? TryTake(BoxRoute route, bool hasStreamPosition)
    {
        lock (_gate)
        {
            BoxFault? taken = null;
            for (var i = 0; i < _pending.Count; i++)
            {
                var pending = _pending[i];
                if (!pending.Fault.AppliesTo(route, hasStreamPosition))
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

    private sealed class PendingFault(BoxFault fault)
    {
        public BoxFault Fault { get; } = fault;

        public int Remaining { get; set; } = fault.Times;

        public int Skip { get; set; } = fault.Skip;
    }
}
