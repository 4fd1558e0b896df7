using AuditBridge.Events;
using AuditBridge.Secrets;
using AuditBridge.Sources;
using AuditBridge.Sources.Dashlane;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditBridge.Connectors.Tests.Sources.Dashlane;

/// <summary>Creates Dashlane sources the way the CLI will, and reads them.</summary>
internal static class DashlaneTestSources
{
    public static int Severity(string category, string logType) => category == "team_settings_sso" ? 8 : 3;

    public static ISource Create(DashlaneSourceOptions options, TimeProvider time, SecretRedactor? redactor = null) =>
        DashlaneSourceFactory.Create(options, Severity, time, NullLoggerFactory.Instance, redactor ?? new SecretRedactor());

    public static async Task<List<SourcePage>> ReadAllAsync(ISource source, Checkpoint? resumeFrom = null)
    {
        var pages = new List<SourcePage>();
        await foreach (var page in source.ReadAsync(resumeFrom, TestContext.Current.CancellationToken))
        {
            pages.Add(page);
        }

        return pages;
    }

    /// <summary>Reads until the source throws; returns the pages before the failure and the failure.</summary>
    public static async Task<(List<SourcePage> Pages, SourceException Failure)> ReadUntilFailureAsync(ISource source, Checkpoint? resumeFrom = null)
    {
        var pages = new List<SourcePage>();
        try
        {
            await foreach (var page in source.ReadAsync(resumeFrom, TestContext.Current.CancellationToken))
            {
                pages.Add(page);
            }
        }
        catch (SourceException failure)
        {
            return (pages, failure);
        }

        throw new Xunit.Sdk.XunitException($"The read succeeded with {pages.Count} pages; a SourceException was expected.");
    }

    /// <summary>Every id exactly once, and exactly the expected ones (multiset comparison).</summary>
    public static void AssertNoGapNoRepeat(IEnumerable<string> expectedUuids, IEnumerable<AuditEvent> events)
    {
        var expected = expectedUuids.Select(u => DashlaneEventMapper.IdPrefix + u).Order(StringComparer.Ordinal).ToList();
        var actual = events.Select(e => e.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Count, expected.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(expected, actual);
    }
}
