using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Events.Severity;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.Sources;
using AuditBridge.Sources.Dropbox;

namespace AuditBridge.TestKit.Journal;

/// <summary>Events and pages for journal tests: every event of a page belongs to the page's source.</summary>
public static class JournalTestEvents
{
    /// <summary>A fully filled event (<see cref="Some.Event"/>) of <paramref name="source"/>.</summary>
    public static AuditEvent Event(string source, string? id = null, DateTimeOffset? time = null, string? raw = null) =>
        WithSource(Some.Event(id: id, time: time, raw: raw), source);

    /// <summary>
    /// <paramref name="count"/> simulator events (every category, actor and asset kind, hostile values), mapped by the
    /// Dropbox mapper: sections are slices of the raw JSON, as in production.
    /// </summary>
    public static AuditEvent[] Dropbox(string source, int count, int seed = 1)
    {
        var generator = new DropboxEventGenerator(new DropboxSimulatorOptions { EventCount = count, Seed = seed });
        var mapper = new DropboxEventMapper(source, static (category, action) => SeverityPolicy.BuiltIn.Resolve("dropbox", category, action));
        var events = new AuditEvent[count];
        for (var i = 0; i < count; i++)
        {
            using var document = JsonDocument.Parse(generator.GetEventJson(i));
            events[i] = mapper.Map(document.RootElement, DropboxEventMapper.ContentId(document.RootElement));
        }

        return events;
    }

    /// <summary>
    /// Simulator events of all three vendors (every shape, hostile values), mapped by the real mappers, each vendor's as
    /// one source: <c>acme-dropbox</c>, <c>acme-box</c>, <c>acme-dashlane</c>. <paramref name="count"/> per vendor.
    /// </summary>
    public static IReadOnlyList<(string Source, AuditEvent[] Events)> AllVendors(int count, int seed = 1)
    {
        Func<string, string, int> severity = static (category, action) => category.Length % 11;
        var box = new AuditBridge.Simulators.Box.BoxEventGenerator(new AuditBridge.Simulators.Box.BoxSimulatorOptions { EventCount = count, Seed = seed });
        var boxMapper = new AuditBridge.Sources.Box.BoxEventMapper("acme-box", severity);
        var boxEvents = new AuditEvent[count];
        for (var i = 0; i < count; i++)
        {
            using var document = JsonDocument.Parse(box.GetEventJson(i));
            boxEvents[i] = boxMapper.Map(document.RootElement);
        }

        var dashlaneMapper = AuditBridge.Sources.VendorEventMappers.Create("dashlane", "acme-dashlane", severity);
        var dashlaneEvents = AuditBridge.Simulators.Dashlane.DashlaneLogGenerator.Generate(new AuditBridge.Simulators.Dashlane.DashlaneLogGeneratorOptions { Count = count, Seed = seed })
            .Select(log =>
            {
                using var document = JsonDocument.Parse(log.Line);
                return dashlaneMapper.Map(document.RootElement);
            })
            .ToArray();
        return [("acme-dropbox", Dropbox("acme-dropbox", count, seed)), ("acme-box", boxEvents), ("acme-dashlane", dashlaneEvents)];
    }

    /// <summary>A copy of <paramref name="auditEvent"/> that belongs to <paramref name="source"/>.</summary>
    public static AuditEvent WithSource(AuditEvent auditEvent, string source) => Copy(auditEvent, source, auditEvent.Received);

    /// <summary>A copy of <paramref name="auditEvent"/> as the journal returns it: received at <paramref name="received"/>.</summary>
    public static AuditEvent WithReceived(AuditEvent auditEvent, DateTimeOffset received) => Copy(auditEvent, auditEvent.Source, received);

    private static AuditEvent Copy(AuditEvent auditEvent, string source, DateTimeOffset? received) => new()
    {
        Id = auditEvent.Id,
        Vendor = auditEvent.Vendor,
        Source = source,
        Time = auditEvent.Time,
        Received = received,
        Category = auditEvent.Category,
        Action = auditEvent.Action,
        Description = auditEvent.Description,
        Actor = auditEvent.Actor,
        Target = auditEvent.Target,
        Ip = auditEvent.Ip,
        Geo = auditEvent.Geo,
        Objects = auditEvent.Objects,
        Outcome = auditEvent.Outcome,
        Severity = auditEvent.Severity,
        Sections = auditEvent.Sections,
        Indicators = auditEvent.Indicators,
        Raw = auditEvent.Raw,
    };

    /// <summary>A page of <paramref name="events"/> whose checkpoint is <paramref name="position"/> and the events' newest time.</summary>
    public static SourcePage Page(IReadOnlyList<AuditEvent> events, string? position, IReadOnlyList<SeenEvent>? recent = null)
    {
        DateTimeOffset? newest = events.Count == 0 ? null : events.Max(e => e.Time);
        return new SourcePage(events, new Checkpoint(position, newest, recent ?? []), HasMore: false);
    }
}
