using System.Buffers;
using System.Globalization;
using AuditBridge.Formats;

namespace AuditBridge.Core.Tests.Formats;

/// <summary>
/// What every formatter promises (house style §2.9): one record per event, no raw line break outside what the format
/// allows, the same bytes under any culture and from any number of threads, and golden files byte for byte.
/// Each format derives a class that supplies the formatter and its record check.
/// </summary>
public abstract class FormatterContractTests
{
    public static TheoryData<string> CaseNames => [.. GoldenCases.Names];

    /// <summary>File name suffix of this formatter's golden files (<c>.cef</c>, <c>.dropbox-blog.cef</c>, …).</summary>
    protected abstract string GoldenSuffix { get; }

    protected abstract IEventFormatter CreateFormatter();

    /// <summary>Asserts that <paramref name="record"/> is exactly one well-formed record of the format.</summary>
    protected abstract void AssertOneRecord(byte[] record);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Format_GoldenCase_MatchesGoldenFile(string caseName)
    {
        var formatter = CreateFormatter();

        var record = FormatToArray(formatter, GoldenCases.Get(caseName));

        GoldenFile.AssertMatches(caseName + GoldenSuffix, [.. formatter.FileHeader.Span, .. record]);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Format_GoldenCase_WritesOneRecord(string caseName)
    {
        var formatter = CreateFormatter();
        var output = new ArrayBufferWriter<byte>();

        var result = formatter.Format(GoldenCases.Get(caseName), output);

        Assert.Equal(output.WrittenCount, result.BytesWritten);
        Assert.Equal(0, result.ShortenedValues);
        AssertOneRecord(output.WrittenSpan.ToArray());
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Format_UnderGermanAndTurkishCulture_WritesTheSameBytes(string caseName)
    {
        var formatter = CreateFormatter();
        var auditEvent = GoldenCases.Get(caseName);
        var invariant = WithCulture(CultureInfo.InvariantCulture, () => FormatToArray(formatter, auditEvent));

        var german = WithCulture(CultureInfo.GetCultureInfo("de-DE"), () => FormatToArray(formatter, auditEvent));
        var turkish = WithCulture(CultureInfo.GetCultureInfo("tr-TR"), () => FormatToArray(formatter, auditEvent));

        Assert.Equal(invariant, german);
        Assert.Equal(invariant, turkish);
    }

    [Fact]
    public void Format_FromManyThreadsAtOnce_WritesWhatOneThreadWrites()
    {
        var formatter = CreateFormatter();
        var events = GoldenCases.Names.Select(GoldenCases.Get).ToArray();
        var expected = events.Select(e => FormatToArray(formatter, e)).ToArray();
        var actual = new byte[events.Length * 16][];

        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            actual[i] = FormatToArray(formatter, events[i % events.Length]));

        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i % events.Length], actual[i]);
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Format_WithBudgetOfExactlyTheRecordSize_WritesTheSameRecord(string caseName)
    {
        var formatter = CreateFormatter();
        var auditEvent = GoldenCases.Get(caseName);
        var unlimited = FormatToArray(formatter, auditEvent);
        var output = new ArrayBufferWriter<byte>();

        var result = formatter.Format(auditEvent, output, unlimited.Length);

        Assert.Equal(new FormatResult(unlimited.Length, 0), result);
        Assert.Equal(unlimited, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Format_AfterOtherContent_AppendsAndCountsOnlyItsOwnBytes()
    {
        var formatter = CreateFormatter();
        var auditEvent = GoldenCases.Get("actor-user");
        var alone = FormatToArray(formatter, auditEvent);
        var output = new ArrayBufferWriter<byte>();
        output.Write("prefix"u8);

        var result = formatter.Format(auditEvent, output);

        Assert.Equal(alone.Length, result.BytesWritten);
        Assert.Equal([.. "prefix"u8, .. alone], output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Format_WithNonPositiveBudget_Throws()
    {
        var formatter = CreateFormatter();

        Assert.Throws<ArgumentOutOfRangeException>(() => formatter.Format(GoldenCases.Get("actor-user"), new ArrayBufferWriter<byte>(), 0));
    }

    /// <summary>Whether <paramref name="utf8"/> holds a raw NEL (C2 85), LS (E2 80 A8) or PS (E2 80 A9).</summary>
    internal static bool HasUnicodeLineBreak(byte[] utf8) =>
        utf8.AsSpan().IndexOf("\u0085"u8) >= 0 || utf8.AsSpan().IndexOf("\u2028"u8) >= 0 || utf8.AsSpan().IndexOf("\u2029"u8) >= 0;

    protected static byte[] FormatToArray(IEventFormatter formatter, AuditBridge.Events.AuditEvent auditEvent, int maxBytes = int.MaxValue)
    {
        var output = new ArrayBufferWriter<byte>();
        formatter.Format(auditEvent, output, maxBytes);
        return output.WrittenSpan.ToArray();
    }

    private static T WithCulture<T>(CultureInfo culture, Func<T> action)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }
}
