using System.Buffers;
using System.Text;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.Formats.Cef;
using AuditBridge.Sources;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Receivers;

namespace AuditBridge.Core.Tests.Formats.Cef;

/// <summary>
/// The real-parser check: records go through liblognorm's strict CEF parser (Debian's lognormalizer 2.0.6) and must
/// come back as exactly one event carrying the original values, changed only by the documented transformations
/// (TAB and other C0 controls become spaces, header CR/LF become spaces, extension values lose trailing spaces,
/// values over their limit are cut and end in the marker).
/// </summary>
public sealed class CefLognormalizerTests
{
    private const string Marker = "…[truncated]";
    private const string Blog = CefProfiles.DropboxBlog;
    private const string Default = CefProfiles.Default;

    public static readonly IReadOnlyList<Placement> Placements =
    [
        new("actor.email", h => GoldenCases.Event(actor: new Principal(PrincipalKind.User, "dbmid:actor", h, "Actor Name")), [Ext("suser")], [Ext("duser")]),
        new("actor.name", h => GoldenCases.Event(actor: new Principal(PrincipalKind.App, "dbaid:app", null, h)), [Ext("suser")], [Ext("duser")]),
        new("actor.id", h => GoldenCases.Event(actor: new Principal(PrincipalKind.Admin, h, "admin@northwind.example", "Admin")), [Ext("suid")], [Ext("duid")]),
        new("target.email", h => GoldenCases.Event(target: new Principal(PrincipalKind.User, "dbmid:target", h, "Target")), [Ext("duser")], []),
        new("target.name", h => GoldenCases.Event(target: new Principal(PrincipalKind.Group, "g:1", null, h)), [Ext("duser")], []),
        new("target.id", h => GoldenCases.Event(target: new Principal(PrincipalKind.User, h, "target@northwind.example", "Target")), [Ext("duid")], []),
        new("object.name", h => GoldenCases.Event(objects: [new EventObject("file", h, "/a/b.txt", "id:1")]), [Ext("fname")], []),
        new("object.path", h => GoldenCases.Event(objects: [new EventObject("file", "b.txt", h, "id:1")]), [Ext("filePath")], []),
        new("object.id", h => GoldenCases.Event(objects: [new EventObject("file", "b.txt", "/a/b.txt", h)]), [Ext("fileId")], []),
        new("category", h => GoldenCases.Event(category: h), [Ext("cat")], [Ext("cat")]),
        new("action", h => GoldenCases.Event(action: h), [Header("SignatureID", "deviceEventClassId", 1023), Ext("act", 63)], [Header("SignatureID", "deviceEventClassId", 1023)]),
        new("description", h => GoldenCases.Event(description: h), [Header("Name", "name", 512)], [Header("Name", "name", 512)]),
        new("section.value", h => GoldenCases.Event(sections: [Some.Section("details", "Details", "{\"value\":" + GoldenCases.JsonString(h) + "}")]), [Json("cs1")], [Json("cs1")]),
        new("section.label", h => GoldenCases.Event(sections: [Some.Section("details", h, """{"a":1}""")]), [Ext("cs1Label")], []),
        new("ip", h => GoldenCases.Event(ip: h), [Absent("src"), Absent("c6a2"), Absent("c6a2Label")], [Absent("src"), Absent("c6a2"), Absent("c6a2Label")]),
        new("id", h => GoldenCases.Event(id: h), [Id()], [Id()]),
        new("vendor", h => GoldenCases.Event(vendor: h), [Header("DeviceVendor", "deviceVendor", 63), Header("DeviceProduct", "deviceProduct", 63, " Audit Log")], [Header("DeviceVendor", "deviceVendor", 63), Header("DeviceProduct", "deviceProduct", 63, " Audit Log")]),
    ];

    [Fact]
    public async Task Format_EveryHostileStringInEveryStringField_ArrivesAtLiblognormAsTheOriginalValue()
    {
        // Each placement also formats a plain value: everything but the placed value must match that baseline.
        var records = new List<string>();
        var cases = new List<(string Profile, Placement Placement, string Value, int Baseline)>();
        foreach (var profile in (string[])[Default, Blog])
        {
            foreach (var placement in Placements)
            {
                var baseline = records.Count;
                records.Add(Format(profile, placement.Build("plain value")));
                foreach (var value in Some.HostileStrings)
                {
                    cases.Add((profile, placement, value, baseline));
                    records.Add(Format(profile, placement.Build(value)));
                }
            }
        }

        var parsed = await Lognormalizer.ParseCefAsync(records, TestContext.Current.CancellationToken);

        var failures = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var (profile, placement, value, baseline) = cases[i];
            var targets = profile == Blog ? placement.Blog : placement.Default;
            var actual = parsed[baseline + 1 + (i % Some.HostileStrings.Count)];
            var problems = parsed[baseline].IsParsed
                ? Check(actual, parsed[baseline], targets, value)
                : ["the baseline record was rejected: " + parsed[baseline].Record];
            failures.AddRange(problems.Select(p => $"[{profile}] {placement.Field} = {Show(value)}: {p}"));
        }

        Assert.True(failures.Count == 0, $"{failures.Count} problems:\n" + string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public async Task Format_EveryGoldenCase_ParsesWithLiblognormAsOurStrictReaderReadsIt()
    {
        var records = new List<string>();
        foreach (var profile in (string[])[Default, Blog])
        {
            records.AddRange(GoldenCases.Names.Select(name => Format(profile, GoldenCases.Get(name))));
        }

        var parsed = await Lognormalizer.ParseCefAsync(records, TestContext.Current.CancellationToken);

        Assert.All(parsed, result =>
        {
            Assert.True(result.IsParsed, result.Json);
            var (header, extension) = CefTestReader.Read(result.Record);
            string?[] fromLiblognorm = [result.DeviceVendor, result.DeviceProduct, result.DeviceVersion, result.SignatureId, result.Name, result.Severity];
            Assert.Equal((IEnumerable<string?>)header, fromLiblognorm);
            Assert.Equal(extension.Select(p => p.Key), result.ExtensionKeys);
            Assert.Equal(extension.ToDictionary(p => p.Key, p => p.Value), result.Extensions);
        });
    }

    [Fact]
    public async Task Format_UnderShrinkingByteBudgets_StaysParseableWithValidJsonInEveryCustomString()
    {
        var formatter = EventFormatters.Cef(new CefFormatterOptions { Products = VendorProducts.All });
        var auditEvent = GoldenCases.Get("truncation");
        var full = Format(Default, auditEvent);
        var records = new List<string>();
        for (var budget = Encoding.UTF8.GetByteCount(full) - 1; budget > 900; budget -= 97)
        {
            var output = new ArrayBufferWriter<byte>();
            var result = formatter.Format(auditEvent, output, budget);
            Assert.InRange(result.BytesWritten, 1, budget);
            records.Add(Encoding.UTF8.GetString(output.WrittenSpan));
        }

        var parsed = await Lognormalizer.ParseCefAsync(records, TestContext.Current.CancellationToken);

        Assert.All(parsed, result =>
        {
            Assert.True(result.IsParsed, result.Json);
            Assert.Contains("cs1", result.Extensions["flexString2"].Split(','));
            using var json = JsonDocument.Parse(result.Extensions["cs1"]);
        });
    }

    private static List<string> Check(LognormalizerCefEvent actual, LognormalizerCefEvent baseline, Target[] targets, string value)
    {
        var problems = new List<string>();
        if (!actual.IsParsed)
        {
            return ["liblognorm rejected the record: " + actual.Record];
        }

        if (actual.ExtensionKeys.Count != actual.Extensions.Count)
        {
            problems.Add("duplicate extension keys: " + string.Join(",", actual.ExtensionKeys));
        }

        var truncated = new HashSet<string>(StringComparer.Ordinal);
        var affected = new HashSet<string>(StringComparer.Ordinal) { "flexString1", "flexString1Label", "flexString2", "flexString2Label" };
        foreach (var target in targets)
        {
            affected.Add(target.Key);
            problems.AddRange(target.Kind switch
            {
                TargetKind.Header => CheckHeader(actual, target, value, truncated),
                TargetKind.Extension => CheckExtension(actual, target, value, truncated),
                TargetKind.Json => CheckJson(actual, target, value, truncated),
                TargetKind.Absent => actual.Extensions.ContainsKey(target.Key) ? [$"{target.Key} should be absent"] : [],
                _ => CheckId(actual, value, truncated),
            });
        }

        foreach (var (name, expected, got) in HeaderFields(baseline).Zip(HeaderFields(actual), (b, a) => (b.Name, b.Value, a.Value)))
        {
            if (!affected.Contains(name) && expected != got)
            {
                problems.Add($"header {name} changed: {Show(got)}");
            }
        }

        foreach (var key in baseline.Extensions.Keys.Union(actual.Extensions.Keys))
        {
            if (!affected.Contains(key) && baseline.Extensions.GetValueOrDefault(key) != actual.Extensions.GetValueOrDefault(key))
            {
                problems.Add($"{key} changed: {Show(actual.Extensions.GetValueOrDefault(key))}");
            }
        }

        var listed = actual.Extensions.TryGetValue("flexString2", out var list) ? list.Split(',').ToHashSet() : [];
        if (!listed.SetEquals(truncated))
        {
            problems.Add($"flexString2 lists [{string.Join(",", listed)}], expected [{string.Join(",", truncated)}]");
        }

        if (truncated.Count > 0 && actual.Extensions.GetValueOrDefault("flexString2Label") != "truncated")
        {
            problems.Add("flexString2Label is not 'truncated'");
        }

        return problems;
    }

    private static IEnumerable<string> CheckHeader(LognormalizerCefEvent actual, Target target, string value, HashSet<string> truncated)
    {
        var expected = ExpectedHeader(value + target.Suffix, target.Limit, out var cut);
        if (cut)
        {
            truncated.Add(target.TruncationName);
        }

        var got = HeaderFields(actual).Single(f => f.Name == target.Key).Value;
        return got == expected ? [] : [$"header {target.Key} is {Show(got)}, expected {Show(expected)}"];
    }

    private static IEnumerable<string> CheckExtension(LognormalizerCefEvent actual, Target target, string value, HashSet<string> truncated)
    {
        var expected = ExpectedExtension(value, target.Limit, out var cut);
        if (cut)
        {
            truncated.Add(target.Key);
        }

        var got = actual.Extensions.GetValueOrDefault(target.Key);
        return got == expected ? [] : [$"{target.Key} is {Show(got)}, expected {Show(expected)}"];
    }

    private static IEnumerable<string> CheckJson(LognormalizerCefEvent actual, Target target, string value, HashSet<string> truncated)
    {
        var original = "{\"value\":" + GoldenCases.JsonString(value) + "}";
        if (!actual.Extensions.TryGetValue(target.Key, out var got))
        {
            return [$"{target.Key} is missing"];
        }

        if (original.Length <= 4000)
        {
            return got == original ? [] : [$"{target.Key} is {Show(got)}, expected the section JSON {Show(original)}"];
        }

        truncated.Add(target.Key);
        using var document = JsonDocument.Parse(got);
        var shortened = document.RootElement.GetProperty("value").GetString()!;
        var kept = shortened.EndsWith(Marker, StringComparison.Ordinal) ? shortened[..^Marker.Length] : null;
        return got.Length <= 4000 && kept is not null && value.StartsWith(kept, StringComparison.Ordinal) && kept.Length > 3000
            ? []
            : [$"{target.Key} is not the section JSON shortened to 4000 characters: {Show(got)}"];
    }

    private static List<string> CheckId(LognormalizerCefEvent actual, string value, HashSet<string> truncated)
    {
        var whole = ExpectedExtension(value, int.MaxValue, out _);
        var externalId = whole is null ? null : Sanitize(Cut(whole, 40)).TrimEnd(' ');
        var problems = new List<string>();
        if (actual.Extensions.GetValueOrDefault("externalId") != (externalId is "" ? null : externalId))
        {
            problems.Add($"externalId is {Show(actual.Extensions.GetValueOrDefault("externalId"))}, expected {Show(externalId)}");
        }

        var expectFull = whole is not null && whole.Length > 40;
        var cut = false;
        var full = expectFull ? ExpectedExtension(value, 1023, out cut) : null;
        if (cut)
        {
            truncated.Add("flexString1");
        }

        if (actual.Extensions.GetValueOrDefault("flexString1") != full)
        {
            problems.Add($"flexString1 is {Show(actual.Extensions.GetValueOrDefault("flexString1"))}, expected {Show(full)}");
        }

        if (expectFull && actual.Extensions.GetValueOrDefault("flexString1Label") != "eventId")
        {
            problems.Add("flexString1Label is not 'eventId'");
        }

        return problems;
    }

    /// <summary>Header rule: every C0 control (CR and LF included) and NEL, LS, PS become a space; cut with the marker over the limit.</summary>
    private static string ExpectedHeader(string value, int limit, out bool cut)
    {
        var text = new string(value.Select(c => c < 0x20 || IsUnicodeLineBreak(c) ? ' ' : c).ToArray());
        cut = text.Length > limit;
        return cut ? Cut(text, limit - Marker.Length) + Marker : text;
    }

    /// <summary>
    /// Extension rule: C0 controls other than CR/LF become spaces, NEL, LS and PS arrive as LF (written <c>\n</c>), trailing
    /// spaces go, cut with the marker; null = omitted.
    /// </summary>
    private static string? ExpectedExtension(string value, int limit, out bool cut)
    {
        var text = Sanitize(value).TrimEnd(' ');
        cut = text.Length > limit;
        if (text.Length == 0)
        {
            return null;
        }

        return cut ? Cut(text, limit - Marker.Length) + Marker : text;
    }

    private static string Sanitize(string value) =>
        new(value.Select(c => c < 0x20 && c is not ('\r' or '\n') ? ' ' : IsUnicodeLineBreak(c) ? '\n' : c).ToArray());

    private static bool IsUnicodeLineBreak(char c) => c is '\u0085' or '\u2028' or '\u2029';

    private static string Cut(string value, int length) =>
        value.Length <= length ? value : value[..(char.IsHighSurrogate(value[length - 1]) ? length - 1 : length)];

    private static (string Name, string? Value)[] HeaderFields(LognormalizerCefEvent e) =>
    [
        ("DeviceVendor", e.DeviceVendor), ("DeviceProduct", e.DeviceProduct), ("DeviceVersion", e.DeviceVersion),
        ("SignatureID", e.SignatureId), ("Name", e.Name), ("Severity", e.Severity),
    ];

    private static string Format(string profile, AuditEvent auditEvent)
    {
        var output = new ArrayBufferWriter<byte>();
        EventFormatters.Cef(new CefFormatterOptions { Profile = profile, Products = VendorProducts.All }).Format(auditEvent, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static string Show(string? value) => value is null ? "(absent)" : value.Length > 120
        ? JsonSerializer.Serialize(value[..60] + "…" + value[^40..])
        : JsonSerializer.Serialize(value);

    private static Target Ext(string key, int limit = 1023) => new(TargetKind.Extension, key, limit);

    private static Target Header(string field, string truncationName, int limit, string suffix = "") => new(TargetKind.Header, field, limit, truncationName, suffix);

    private static Target Json(string key) => new(TargetKind.Json, key, 4000);

    private static Target Absent(string key) => new(TargetKind.Absent, key, 0);

    private static Target Id() => new(TargetKind.Id, "externalId", 40);

    public enum TargetKind
    {
        Header,
        Extension,
        Json,
        Absent,
        Id,
    }

    /// <summary>Where a value placed in <see cref="Field"/> shows up in each profile's record.</summary>
    public sealed record Placement(string Field, Func<string, AuditEvent> Build, Target[] Default, Target[] Blog);

    /// <summary>One header field or extension key that carries the value.</summary>
    public sealed record Target(TargetKind Kind, string Key, int Limit, string TruncationName = "", string Suffix = "");
}
