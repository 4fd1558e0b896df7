using System.Diagnostics.CodeAnalysis;

namespace AuditBridge.Simulators.Dropbox;

/// <summary>
/// Faults waiting for their requests. A request takes the oldest pending fault that applies to its route;
/// faults for other routes stay queued. Thread-safe.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue of faults, first in first out; the name is the agreed public API.")]
public sealed class DropboxFaultQueue
{
    private readonly Lock _gate = new();
    private readonly List<PendingFault> _pending = [];

    internal DropboxFaultQueue()
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

    /// <summary>Queues <paramref name="fault"/> for the next request(s) on its route.</summary>
    public void Enqueue(DropboxFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(fault.Times, 1, nameof(fault));
        if ((fault.Route & DropboxRoute.Any) == DropboxRoute.None)
        {
            throw new ArgumentException("A fault needs at least one route.", nameof(fault));
        }

        if (DropboxFault.IsCursorFault(fault.Kind) && (fault.Route & DropboxRoute.Continue) == DropboxRoute.None)
        {
            throw new ArgumentException("Cursor faults only apply to the continue route.", nameof(fault));
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

    internal DropboxFault? TryTake(DropboxRoute route)
    {
        lock (_gate)
        {
            for (var i = 0; i < _pending.Count; i++)
            {
                var pending = _pending[i];
                if (!pending.Fault.AppliesTo(route))
                {
                    continue;
                }

                if (--pending.Remaining == 0)
                {
                    _pending.RemoveAt(i);
                }

                return pending.Fault;
            }

            return null;
        }
    }

    private sealed class PendingFault(DropboxFault fault)
    {
        public DropboxFault Fault { get; } = fault;

        public int Remaining { get; set; } = fault.Times;
    }
}
