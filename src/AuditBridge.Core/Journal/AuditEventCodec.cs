using System.Buffers;
using AuditBridge.Events;

namespace AuditBridge.Journal;

/// <summary>
/// Stores an <see cref="AuditEvent"/> without its <see cref="AuditEvent.Raw"/> as compact bytes, and rebuilds it from
/// those bytes and the raw event stored next to them. Lossless for every field: strings (also ones that are not valid
/// UTF-16), null versus empty, times to the tick with their offsets, enum values as numbers.
/// </summary>
/// <remarks>
/// <para>
/// Most strings and sections of a mapped event are copied out of the vendor JSON (the Dropbox mapper makes sections
/// slices of it). Whatever occurs byte for byte in the raw event is stored as (offset, length) into it instead of a
/// copy, which roughly halves the bytes written per event; decoding rebuilds those sections as slices of the raw bytes
/// it is given, so they cost no copy either.
/// </para>
/// <para>Layout, version 1. Integers are unsigned LEB128 varints unless noted; signed ones are zigzag varints.</para>
/// <code>
/// byte version = 1
/// byte flags    1 received, 2 actor, 4 target, 8 target equals actor, 16 geo
/// str id, str vendor, str source, str category, str action, str description, str ip
/// time          int64 little-endian UTC ticks, zigzag offset minutes
/// received      (flag 1) as time
/// varint outcome, zigzag severity
/// actor         (flag 2) varint kind, str id, str email, str name
/// target        (flag 4 without 8) as actor
/// geo           (flag 16) str city, str region, str country
/// varint count, then per object: str kind, str name, str path, str id
/// varint count, then per indicator: str
/// varint count, then per section: str name, str label, json
///
/// str   varint t: 0 null; t&amp;3 = 1 UTF-8 inline, t&gt;&gt;2 bytes follow; t&amp;3 = 2 UTF-8 slice of raw, t&gt;&gt;2 bytes
///       at the varint offset that follows; t&amp;3 = 3 UTF-16 code units, t&gt;&gt;2 of them little-endian (only for
///       strings that are not valid UTF-16, such as a lone surrogate)
/// json  varint t: t&amp;1 = 0 inline, t&gt;&gt;1 bytes follow; t&amp;1 = 1 slice of raw, t&gt;&gt;1 bytes at the varint offset that follows
/// </code>
/// <para>
/// A change to the layout gets a new version byte; <see cref="Decode"/> keeps reading every older version, because
/// journals keep events for their retention period.
/// </para>
/// </remarks>
internal static class AuditEventCodec
{
    /// <summary>The layout version written first.</summary>
    public const byte Version = 1;

    /// <summary>Encodes <paramref name="auditEvent"/> with its own <see cref="AuditEvent.Received"/>.</summary>
    public static void Encode(AuditEvent auditEvent, IBufferWriter<byte> output) => Encode(auditEvent, auditEvent.Received, output);

    /// <summary>Encodes <paramref name="auditEvent"/>, storing <paramref name="received"/> as its receive time.</summary>
    public static void Encode(AuditEvent auditEvent, DateTimeOffset? received, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        ArgumentNullException.ThrowIfNull(output);

        var writer = new EventCodecWriter(output, auditEvent.Raw.Span);
        var sameTarget = auditEvent.Target is not null && auditEvent.Target == auditEvent.Actor;
        var flags = (received.HasValue ? EventCodecFlags.Received : 0)
            | (auditEvent.Actor is not null ? EventCodecFlags.Actor : 0)
            | (auditEvent.Target is not null ? EventCodecFlags.Target : 0)
            | (sameTarget ? EventCodecFlags.TargetIsActor : 0)
            | (auditEvent.Geo is not null ? EventCodecFlags.Geo : 0);

        writer.WriteByte(Version);
        writer.WriteByte((byte)flags);
        writer.WriteString(auditEvent.Id);
        writer.WriteString(auditEvent.Vendor);
        writer.WriteString(auditEvent.Source);
        writer.WriteString(auditEvent.Category);
        writer.WriteString(auditEvent.Action);
        writer.WriteString(auditEvent.Description);
        writer.WriteString(auditEvent.Ip);
        writer.WriteTime(auditEvent.Time);
        if (received is { } r)
        {
            writer.WriteTime(r);
        }

        writer.WriteVarint((uint)auditEvent.Outcome);
        writer.WriteSigned(auditEvent.Severity);
        if (auditEvent.Actor is { } actor)
        {
            WritePrincipal(ref writer, actor);
        }

        if (auditEvent.Target is { } target && !sameTarget)
        {
            WritePrincipal(ref writer, target);
        }

        if (auditEvent.Geo is { } geo)
        {
            writer.WriteString(geo.City);
            writer.WriteString(geo.Region);
            writer.WriteString(geo.Country);
        }

        var objects = auditEvent.Objects ?? [];
        writer.WriteVarint((uint)objects.Count);
        foreach (var item in objects)
        {
            writer.WriteString(item.Kind);
            writer.WriteString(item.Name);
            writer.WriteString(item.Path);
            writer.WriteString(item.Id);
        }

        var indicators = auditEvent.Indicators ?? [];
        writer.WriteVarint((uint)indicators.Count);
        foreach (var indicator in indicators)
        {
            writer.WriteString(indicator);
        }

        var sections = auditEvent.Sections ?? [];
        writer.WriteVarint((uint)sections.Count);
        foreach (var section in sections)
        {
            writer.WriteString(section.Name);
            writer.WriteString(section.Label);
            writer.WriteJson(section.Json.Span);
        }
    }

    /// <summary>Encodes <paramref name="auditEvent"/> into a new array (tests, tools; the journal reuses a buffer).</summary>
    public static byte[] Encode(AuditEvent auditEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Encode(auditEvent, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Rebuilds an event from <paramref name="encoded"/> (which may be reused after the call) and the stored raw event
    /// (which the result keeps: <see cref="AuditEvent.Raw"/> is <paramref name="raw"/>, sections stored as slices are
    /// slices of it).
    /// </summary>
    /// <exception cref="FormatException">The bytes are cut short, damaged, of an unknown version, or point outside <paramref name="raw"/>.</exception>
    public static AuditEvent Decode(ReadOnlySpan<byte> encoded, ReadOnlyMemory<byte> raw)
    {
        try
        {
            return DecodeCore(encoded, raw);
        }
        catch (ArgumentOutOfRangeException e)
        {
            // A time or offset out of range: the bytes were damaged after they were written.
            throw new FormatException($"A stored event holds a value out of range ({e.Message}).", e);
        }
    }

    private static AuditEvent DecodeCore(ReadOnlySpan<byte> encoded, ReadOnlyMemory<byte> raw)
    {
        var reader = new EventCodecReader(encoded, raw);
        var version = reader.ReadByte();
        if (version != Version)
        {
            throw new FormatException($"A stored event has layout version {version}; this build reads version {Version}. Was the journal written by a newer AuditBridge?");
        }

        var flags = (EventCodecFlags)reader.ReadByte();
        var id = reader.ReadString();
        var vendor = reader.ReadString();
        var source = reader.ReadString();
        var category = reader.ReadString();
        var action = reader.ReadString();
        var description = reader.ReadString();
        var ip = reader.ReadString();
        var time = reader.ReadTime();
        DateTimeOffset? received = (flags & EventCodecFlags.Received) != 0 ? reader.ReadTime() : null;
        var outcome = (EventOutcome)reader.ReadInt32();
        var severity = reader.ReadSigned();
        var actor = (flags & EventCodecFlags.Actor) != 0 ? ReadPrincipal(ref reader) : null;
        var target = (flags & EventCodecFlags.Target) == 0 ? null
            : (flags & EventCodecFlags.TargetIsActor) != 0 ? actor
            : ReadPrincipal(ref reader);
        var geo = (flags & EventCodecFlags.Geo) != 0 ? new GeoLocation(reader.ReadString(), reader.ReadString(), reader.ReadString()) : null;

        var objects = new EventObject[reader.ReadCount()];
        for (var i = 0; i < objects.Length; i++)
        {
            objects[i] = new EventObject(reader.ReadString()!, reader.ReadString(), reader.ReadString(), reader.ReadString());
        }

        var indicators = new string[reader.ReadCount()];
        for (var i = 0; i < indicators.Length; i++)
        {
            indicators[i] = reader.ReadString()!;
        }

        var sections = new EventSection[reader.ReadCount()];
        for (var i = 0; i < sections.Length; i++)
        {
            sections[i] = new EventSection(reader.ReadString()!, reader.ReadString()!, reader.ReadJson());
        }

        reader.EnsureEnd();
        return new AuditEvent
        {
            Id = id!,
            Vendor = vendor!,
            Source = source!,
            Time = time,
            Received = received,
            Category = category!,
            Action = action!,
            Description = description,
            Actor = actor,
            Target = target,
            Ip = ip,
            Geo = geo,
            Objects = objects,
            Outcome = outcome,
            Severity = severity,
            Sections = sections,
            Indicators = indicators,
            Raw = raw,
        };
    }

    private static void WritePrincipal(ref EventCodecWriter writer, Principal principal)
    {
        writer.WriteVarint((uint)principal.Kind);
        writer.WriteString(principal.Id);
        writer.WriteString(principal.Email);
        writer.WriteString(principal.Name);
    }

    private static Principal ReadPrincipal(ref EventCodecReader reader) =>
        new((PrincipalKind)reader.ReadInt32(), reader.ReadString(), reader.ReadString(), reader.ReadString());
}
