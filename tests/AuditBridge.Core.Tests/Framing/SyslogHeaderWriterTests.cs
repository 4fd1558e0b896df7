using System.Buffers;
using System.Globalization;
using System.Text;
using AuditBridge.Framing;

namespace AuditBridge.Core.Tests.Framing;

public sealed class SyslogHeaderWriterTests
{
    private const string Cef = "CEF:0|V|P|1|file_download|Downloaded|3|suser=alice";
    private static readonly DateTimeOffset Time = new(2024, 11, 2, 3, 4, 5, 678, TimeSpan.Zero);

    [Fact]
    public void WriteMessage_Rfc5424WithDefaults_WritesHeaderByteForByte()
    {
        var writer = new SyslogHeaderWriter(SyslogHeaderFormat.Rfc5424, SyslogFacility.Local4, "collector-01");

        var message = Write(writer, Time, 3, Cef);

        Assert.Equal($"<166>1 2024-11-02T03:04:05.678Z collector-01 auditbridge - - - {Cef}", message);
    }

    [Fact]
    public void WriteMessage_Rfc5424WithAllFields_WritesThemInOrder()
    {
        var writer = new SyslogHeaderWriter(SyslogHeaderFormat.Rfc5424, SyslogFacility.Auth, "h", "app", "4242", "AUDIT");

        var message = Write(writer, Time, 9, "{\"id\":1}");

        Assert.Equal("<34>1 2024-11-02T03:04:05.678Z h app 4242 AUDIT - {\"id\":1}", message);
    }

    [Fact]
    public void WriteMessage_Rfc5424_HasNoByteOrderMark()
    {
        var writer = new SyslogHeaderWriter(SyslogHeaderFormat.Rfc5424, SyslogFacility.Local4, "h");
        var output = new ArrayBufferWriter<byte>();

        writer.WriteMessage(output, Time, 3, Encoding.UTF8.GetBytes(Cef));

        Assert.Equal(-1, output.WrittenSpan.IndexOf([(byte)0xEF, (byte)0xBB, (byte)0xBF]));
    }

    [Fact]
    public void WriteMessage_WhenTimeHasOffset_WritesItInUtc()
    {
        var writer = new SyslogHeaderWriter(SyslogHeaderFormat.Rfc5424, SyslogFacility.Local4, "h");
        var local = new DateTimeOffset(2024, 1, 1, 1, 30, 0, 5, TimeSpan.FromHours(2));

        var message = Write(writer, local, 3, Cef);

        Assert.StartsWith("<166>1 2023-12-31T23:30:00.005Z h ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteMessage_Rfc3164WithCefRecord_PutsCefInTheTagSlot()
    {
        var writer = new SyslogHeaderWriter(SyslogHeaderFormat.Rfc3164, SyslogFacility.Local4, "collector-01", procId: "77");

        var message = Write(writer, Time, 5, Cef);

        Assert.Equal($"<164>Nov  2 03:04:05 collector-01 {Cef}", message);
    }

    [Fact]
    public void WriteMessage_Rfc3164WithLeefRecord_PutsLeefInTheTagSlot()
    {
        var writer = new SyslogHeaderWriter(SyslogHeaderFormat.Rfc3164, SyslogFacility.Local4, "h");

        var message = Write(writer, Time, 7, "LEEF:2.0|V|P|1|id|^|cat=x");

        Assert.Equal("<163>Nov  2 03:04:05 h LEEF:2.0|V|P|1|id|^|cat=x", message);
    }

    [Fact]
    public void WriteMessage_Rfc3164WithOtherRecord_AddsTheTag()
    {
        var writer = new SyslogHeaderWriter(SyslogHeaderFormat.Rfc3164, SyslogFacility.Local4, "h");

        var message = Write(writer, Time, 3, "{\"id\":1}");

        Assert.Equal("<166>Nov  2 03:04:05 h auditbridge: {\"id\":1}", message);
    }

    [Fact]
    public void WriteMessage_Rfc3164WithProcIdAndOtherRecord_AddsTagWithPid()
    {
        var writer = new SyslogHeaderWriter(SyslogHeaderFormat.Rfc3164, SyslogFacility.Local4, "h", "bridge", "4242");

        var message = Write(writer, Time, 3, "hello");

        Assert.Equal("<166>Nov  2 03:04:05 h bridge[4242]: hello", message);
    }

    [Theory]
    [InlineData(1, 1, "Jan  1")]
    [InlineData(2, 9, "Feb  9")]
    [InlineData(3, 10, "Mar 10")]
    [InlineData(4, 30, "Apr 30")]
    [InlineData(5, 31, "May 31")]
    [InlineData(6, 15, "Jun 15")]
    [InlineData(7, 4, "Jul  4")]
    [InlineData(8, 20, "Aug 20")]
    [InlineData(9, 1, "Sep  1")]
    [InlineData(10, 31, "Oct 31")]
    [InlineData(11, 2, "Nov  2")]
    [InlineData(12, 25, "Dec 25")]
    public void WriteMessage_Rfc3164_WritesEnglishMonthAndSpacePaddedDay(int month, int day, string expected)
    {
        var writer = new SyslogHeaderWriter(SyslogHeaderFormat.Rfc3164, SyslogFacility.Local4, "h");

        var message = Write(writer, new DateTimeOffset(2024, month, day, 0, 0, 0, TimeSpan.Zero), 3, Cef);

        Assert.Equal($"<166>{expected} 00:00:00 h {Cef}", message);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    [InlineData("ar-SA")]
    [InlineData("th-TH")]
    public void WriteMessage_UnderAnyCulture_WritesTheSameBytes(string culture)
    {
        var rfc3164 = new SyslogHeaderWriter(SyslogHeaderFormat.Rfc3164, SyslogFacility.Local4, "h");
        var rfc5424 = new SyslogHeaderWriter(SyslogHeaderFormat.Rfc5424, SyslogFacility.Local4, "h");
        var original = CultureInfo.CurrentCulture;
        string bsd, ietf;

        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            bsd = Write(rfc3164, Time, 3, Cef);
            ietf = Write(rfc5424, Time, 3, Cef);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }

        Assert.Equal($"<166>Nov  2 03:04:05 h {Cef}", bsd);
        Assert.Equal($"<166>1 2024-11-02T03:04:05.678Z h auditbridge - - - {Cef}", ietf);
    }

    [Fact]
    public void WriteMessage_WhenFormatIsNone_WritesTheBareRecord()
    {
        var writer = new SyslogHeaderWriter(SyslogHeaderFormat.None, SyslogFacility.Local4, "h");

        var message = Write(writer, Time, 3, Cef);

        Assert.Equal(Cef, message);
    }

    [Theory]
    [InlineData(SyslogHeaderFormat.Rfc5424, 0, Cef)]
    [InlineData(SyslogHeaderFormat.Rfc5424, 10, "plain")]
    [InlineData(SyslogHeaderFormat.Rfc3164, 3, Cef)]
    [InlineData(SyslogHeaderFormat.Rfc3164, 3, "plain")]
    [InlineData(SyslogHeaderFormat.None, 3, Cef)]
    public void GetLength_ForAnyRecord_EqualsTheBytesWriteHeaderWrites(SyslogHeaderFormat format, int severity, string record)
    {
        var writer = new SyslogHeaderWriter(format, SyslogFacility.Kern, "host", "app", "1", "m");
        var bytes = Encoding.UTF8.GetBytes(record);
        var output = new ArrayBufferWriter<byte>();

        var written = writer.WriteHeader(output, Time, severity, bytes);

        Assert.Equal(written, writer.GetLength(severity, bytes));
        Assert.Equal(written, output.WrittenCount);
    }

    [Fact]
    public void GetMinimumLength_Rfc3164_IsTheLengthForCefRecords()
    {
        var writer = new SyslogHeaderWriter(SyslogHeaderFormat.Rfc3164, SyslogFacility.Local4, "h");

        var minimum = writer.GetMinimumLength(3);

        Assert.Equal(writer.GetLength(3, "CEF:0|"u8), minimum);
        Assert.True(minimum < writer.GetLength(3, "{}"u8));
    }

    [Theory]
    [InlineData(null, "-")]
    [InlineData("", "-")]
    [InlineData("host name", "host_name")]
    [InlineData("tab\there", "tab_here")]
    [InlineData("line\nbreak", "line_break")]
    [InlineData("Büro-PC", "B_ro-PC")]
    [InlineData("日本", "__")]
    [InlineData("key🔐", "key_")]
    [InlineData("-", "-")]
    [InlineData("a.b-c_d:e", "a.b-c_d:e")]
    public void Constructor_WhenHostNameHasDisallowedCharacters_ReplacesThemPerCodePoint(string? hostName, string expected)
    {
        var writer = new SyslogHeaderWriter(SyslogHeaderFormat.Rfc5424, SyslogFacility.Local4, hostName);

        Assert.Equal(expected, writer.HostName);
    }

    [Fact]
    public void Constructor_WhenFieldsAreTooLong_CutsThemToTheRfc5424Limits()
    {
        var writer = new SyslogHeaderWriter(
            SyslogHeaderFormat.Rfc5424,
            SyslogFacility.Local4,
            new string('h', 300),
            new string('a', 60),
            new string('p', 200),
            new string('m', 40));

        Assert.Equal(255, writer.HostName.Length);
        Assert.Equal(48, writer.AppName.Length);
        Assert.Equal(128, writer.ProcId.Length);
        Assert.Equal(32, writer.MsgId.Length);
    }

    [Fact]
    public void WriteMessage_WhenFieldsHaveSpaces_KeepsTheHeaderAtSevenFields()
    {
        var writer = new SyslogHeaderWriter(SyslogHeaderFormat.Rfc5424, SyslogFacility.Local4, "my host", "my app", "1 2", "M I D");

        var message = Write(writer, Time, 3, Cef);

        Assert.Equal($"<166>1 2024-11-02T03:04:05.678Z my_host my_app 1_2 M_I_D - {Cef}", message);
    }

    [Theory]
    [InlineData("my app", "my_app")]
    [InlineData("app[1]", "app_1]")]
    [InlineData("app:x", "app_x")]
    [InlineData("", "auditbridge")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789", "abcdefghijklmnopqrstuvwxyz012345")]
    public void Constructor_Rfc3164Tag_IsSanitizedAndAtMost32Characters(string appName, string expected)
    {
        var writer = new SyslogHeaderWriter(SyslogHeaderFormat.Rfc3164, SyslogFacility.Local4, "h", appName);

        Assert.Equal(expected, writer.Tag);
    }

    [Fact]
    public void IsCefOrLeef_ForRecordPrefixes_DetectsOnlyCefAndLeefAtTheStart()
    {
        Assert.True(SyslogHeaderWriter.IsCefOrLeef("CEF:0|x"u8));
        Assert.True(SyslogHeaderWriter.IsCefOrLeef("LEEF:2.0|x"u8));
        Assert.False(SyslogHeaderWriter.IsCefOrLeef(" CEF:0|x"u8));
        Assert.False(SyslogHeaderWriter.IsCefOrLeef("cef:0|x"u8));
        Assert.False(SyslogHeaderWriter.IsCefOrLeef("{\"CEF:\":1}"u8));
        Assert.False(SyslogHeaderWriter.IsCefOrLeef(""u8));
    }

    private static string Write(SyslogHeaderWriter writer, DateTimeOffset time, int severity, string record)
    {
        var output = new ArrayBufferWriter<byte>();
        writer.WriteMessage(output, time, severity, Encoding.UTF8.GetBytes(record));
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
