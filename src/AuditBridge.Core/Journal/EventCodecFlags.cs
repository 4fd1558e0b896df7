namespace AuditBridge.Journal;

/// <summary>Which optional parts an encoded event holds (<see cref="AuditEventCodec"/> layout, byte 2).</summary>
[Flags]
internal enum EventCodecFlags : byte
{
    Received = 1,
    Actor = 2,
    Target = 4,
    TargetIsActor = 8,
    Geo = 16,
}
