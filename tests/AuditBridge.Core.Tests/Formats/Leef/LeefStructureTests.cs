using System.Buffers;
using System.Text;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.Formats.Leef;
using AuditBridge.Sources;
using AuditBridge.TestKit;

namespace AuditBridge.Core.Tests.Formats.Leef;

/// <summary>
/// The structural check that stands in for a real LEEF parser (none on Debian, reference §7): every hostile string in
/// every field, with the default delimiter and with TAB, read by the strict <see cref="LeefTestReader"/>. Each record
/// must be exactly one record with six header fields whose attributes all parse, each placed value must equal the
/// original after only the documented transformations (delimiter → its fullwidth form or a space, C0 controls →
/// space, header <c>|</c> and <c>\</c> → fullwidth, values over their limit cut with the marker and listed in
/// <c>truncated</c>), sections must parse as JSON equal to the section, and nothing else may differ from a baseline
/// record with a plain value in the same place.
/// </summary>
public sealed class LeefStructureTests
{
    private const string Marker = "…[truncated]";

    public static readonly IReadOnlyList<Placement> Placements =
    [
        new("actor.email", h => GoldenCases.Event(actor: new Principal(PrincipalKind.User, "dbmid:actor", h, "Actor Name")), [Attr("usrName", 255)]),
        new("actor.name", h => GoldenCases.Event(actor: new Principal(PrincipalKind.App, "dbaid:app", null, h)), [Attr("usrName", 255)]),
        new("actor.id", h => GoldenCases.Event(actor: new Principal(PrincipalKind.Admin, h, "admin@northwind.example", "Admin")), [Attr("actorId")]),
        new("target.email", h => GoldenCases.Event(target: new Principal(PrincipalKind.User, "dbmid:target", h, "Target")), [Attr("targetUser", 255)]),
        new("target.name", h => GoldenCases.Event(target: new Principal(PrincipalKind.Group, "g:1", null, h)), [Attr("targetUser", 255)]),
        new("target.id", h => GoldenCases.Event(target: new Principal(PrincipalKind.User, h, "target@northwind.example", "Target")), [Attr("targetId")]),
        new("object.kind", h => GoldenCases.Event(objects: [new EventObject(h, "b.txt", "/a/b.txt", "id:1")]), [Attr("objectKind")]),
        new("object.name", h => GoldenCases.Event(objects: [new EventObject("file", h, "/a/b.txt", "id:1")]), [Attr("objectName")]),
        new("object.path", h => GoldenCases.Event(objects: [new EventObject("file", "b.txt", h, "id:1")]), [Attr("objectPath")]),
        new("object.id", h => GoldenCases.Event(objects: [new EventObject("file", "b.txt", "/a/b.txt", h)]), [Attr("objectId")]),
        new("category", h => GoldenCases.Event(category: h), [Attr("cat")]),
        new("description", h => GoldenCases.Event(description: h), [Attr("msg")]),
        new("id", h => GoldenCases.Event(id: h), [Attr("externalId")]),
        new("action", h => GoldenCases.Event(action: h), [Header("eventId", 255)]),
        new("vendor", h => GoldenCases.Event(vendor: h), [Header("vendor", 63), Header("product", 63, " Audit Log")]),
        new("section.value", h => GoldenCases.Event(sections: [Some.Section("details", "Details", SectionJson(h))]), [Json("details")]),
        new("section.label", h => GoldenCases.Event(sections: [Some.Section("details", h, """{"a":1}""")]), []),
        new("ip", h => GoldenCases.Event(ip: h), [Absent("src")]),
    ];

    public enum TargetKind
    {
        Attribute,
        Header,
        Json,
        Absent,
    }

    [Theory]
    [InlineData("^")]
    [InlineData("x09")]
    public void Format_EveryHostileStringInEveryField_ReadsBackAsTheOriginalAfterTheDocumentedTransformations(string delimiterOption)
    {
        var formatter = EventFormatters.Leef(new LeefFormatterOptions { Delimiter = delimiterOption, Products = VendorProducts.All });
        var delimiter = delimiterOption == "^" ? '^' : '\t';
        var values = Some.HostileStrings.Append($"{delimiter}key=value{delimiter}sev=10{delimiter}|x\\").ToArray();
        var failures = new List<string>();

        foreach (var placement in Placements)
        {
            var baseline = LeefTestReader.Read(Format(formatter, placement.Build("plain value")));
            foreach (var value in values)
            {
                var record = Format(formatter, placement.Build(value));
                try
                {
                    var actual = LeefTestReader.Read(record);
                    failures.AddRange(Check(actual, baseline, placement.Targets, value, delimiter, record)
                        .Select(p => $"[{delimiterOption}] {placement.Field} = {Show(value)}: {p}"));
                }
                catch (FormatException exception)
                {
                    failures.Add($"[{delimiterOption}] {placement.Field} = {Show(value)}: {exception.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} problems:\n" + string.Join("\n", failures.Take(40)));
    }

    /// <summary>What the documented rules turn <paramref name="value"/> into as an attribute value.</summary>
    internal static string ExpectedValue(string value, int limit, char delimiter, out bool cut) =>
        Expected(value, limit, out cut, c => c < 0x20 || IsUnicodeLineBreak(c) ? ' ' : c == delimiter ? (char)(c + 0xFEE0) : c);

    /// <summary>What the documented rules turn <paramref name="value"/> into as a header field.</summary>
    internal static string ExpectedHeader(string value, int limit, out bool cut) =>
        Expected(value, limit, out cut, c => c < 0x20 || IsUnicodeLineBreak(c) ? ' ' : c is '|' or '\\' ? (char)(c + 0xFEE0) : c);

    private static bool IsUnicodeLineBreak(char c) => c is '\u0085' or '\u2028' or '\u2029';

    private static string Expected(string value, int limit, out bool cut, Func<char, char> map)
    {
        cut = value.Length > limit;
        var kept = cut ? value[..ValueShortenerCut(value, limit - Marker.Length)] : value;
        return new string([.. kept.Select(map)]) + (cut ? Marker : string.Empty);
    }

    private static int ValueShortenerCut(string value, int max) => char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;

    private static List<string> Check(LeefRecord actual, LeefRecord baseline, Target[] targets, string value, char delimiter, string record)
    {
        var problems = new List<string>();
        if (delimiter == '\t' && record.Count(c => c == '\t') != actual.Attributes.Count - 1)
        {
            problems.Add("a TAB appears inside a value");
        }

        var truncated = new HashSet<string>(StringComparer.Ordinal);
        var affected = new HashSet<string>(StringComparer.Ordinal) { "truncated" };
        foreach (var target in targets)
        {
            affected.Add(target.Key);
            switch (target.Kind)
            {
                case TargetKind.Attribute:
                    var expected = ExpectedValue(value, target.Limit, delimiter, out var cut);
                    if (cut)
                    {
                        truncated.Add(target.Key);
                    }

                    if (actual.Values.GetValueOrDefault(target.Key) != expected)
                    {
                        problems.Add($"{target.Key} is {Show(actual.Values.GetValueOrDefault(target.Key))}, expected {Show(expected)}");
                    }

                    break;
                case TargetKind.Header:
                    var header = ExpectedHeader(value + target.Suffix, target.Limit, out var headerCut);
                    if (headerCut)
                    {
                        truncated.Add(target.Key);
                    }

                    var got = HeaderField(actual, target.Key);
                    if (got != header)
                    {
                        problems.Add($"header {target.Key} is {Show(got)}, expected {Show(header)}");
                    }

                    break;
                case TargetKind.Json:
                    problems.AddRange(CheckJson(actual, target.Key, value, truncated));
                    break;
                default:
                    if (actual.Values.ContainsKey(target.Key))
                    {
                        problems.Add($"{target.Key} should be absent");
                    }

                    break;
            }
        }

        foreach (var name in (string[])["vendor", "product", "version", "eventId"])
        {
            if (!affected.Contains(name) && HeaderField(actual, name) != HeaderField(baseline, name))
            {
                problems.Add($"header {name} changed: {Show(HeaderField(actual, name))}");
            }
        }

        if (actual.DelimiterField != baseline.DelimiterField)
        {
            problems.Add($"the delimiter field changed: {Show(actual.DelimiterField)}");
        }

        foreach (var key in baseline.Values.Keys.Union(actual.Values.Keys))
        {
            if (!affected.Contains(key) && baseline.Values.GetValueOrDefault(key) != actual.Values.GetValueOrDefault(key))
            {
                problems.Add($"{key} changed: {Show(actual.Values.GetValueOrDefault(key))}");
            }
        }

        var listed = actual.Values.TryGetValue("truncated", out var list) ? list.Split(',').ToHashSet() : [];
        if (!listed.SetEquals(truncated))
        {
            problems.Add($"truncated lists [{string.Join(",", listed)}], expected [{string.Join(",", truncated)}]");
        }

        return problems;
    }

    /// <summary>A section holding the value both as a string and inside a property name.</summary>
    private static string SectionJson(string value) => "{\"value\":" + GoldenCases.JsonString(value) + "," + GoldenCases.JsonString("key " + value) + ":1}";

    private static IEnumerable<string> CheckJson(LeefRecord actual, string key, string value, HashSet<string> truncated)
    {
        var original = SectionJson(value);
        if (!actual.Values.TryGetValue(key, out var got))
        {
            return [$"{key} is missing"];
        }

        try
        {
            using var document = JsonDocument.Parse(got);
            if (original.Length > 4000)
            {
                truncated.Add(key);
                return got.Length <= 4000 ? [] : [$"{key} is longer than 4000 characters"];
            }

            using var expected = JsonDocument.Parse(original);
            return JsonElement.DeepEquals(expected.RootElement, document.RootElement)
                ? []
                : [$"{key} is {Show(got)}, not equal to the section JSON {Show(original)}"];
        }
        catch (JsonException exception)
        {
            return [$"{key} is not valid JSON ({exception.Message}): {Show(got)}"];
        }
    }

    private static string HeaderField(LeefRecord record, string name) => name switch
    {
        "vendor" => record.Vendor,
        "product" => record.Product,
        "version" => record.Version,
        _ => record.EventId,
    };

    private static string Format(IEventFormatter formatter, AuditEvent auditEvent)
    {
        var output = new ArrayBufferWriter<byte>();
        formatter.Format(auditEvent, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static string Show(string? value) =>
        value is null ? "(absent)" : "\"" + (value.Length > 80 ? value[..80] + "…" : value).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";

    private static Target Attr(string key, int limit = 1023) => new(TargetKind.Attribute, key, limit);

    private static Target Header(string key, int limit, string suffix = "") => new(TargetKind.Header, key, limit, suffix);

    private static Target Json(string key) => new(TargetKind.Json, key, 4000);

    private static Target Absent(string key) => new(TargetKind.Absent, key, 0);

    public sealed record Placement(string Field, Func<string, AuditEvent> Build, Target[] Targets);

    public sealed record Target(TargetKind Kind, string Key, int Limit, string Suffix = "");
}
