namespace AuditBridge.Journal.Leases;

/// <summary>
/// What a fenced write carries: the lease it is made under and the token the writer holds. The journal checks, inside the
/// write's own transaction, that the lease still has that token, and refuses the write (<see cref="JournalErrorKind.Fenced"/>)
/// when it moved on.
/// </summary>
public readonly record struct Fence(string Lease, long Token);
