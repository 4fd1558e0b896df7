using System.Text;
using AuditBridge.Sources.Dashlane;

namespace AuditBridge.Connectors.Tests.Sources.Dashlane;

public sealed class DashlaneLogLineTests
{
    [Theory]
    [InlineData("""{"uuid":"u","log_type":"t","date_time":1,""", "it is not valid JSON", 41L)]
    [InlineData("""Query state: RUNNING""", "it is not valid JSON", 1L)]
    [InlineData("""["uuid"]""", "it is a JSON array, not an object", 1L)]
    [InlineData("""{"log_type":"t","date_time":1}""", "'uuid' is missing or not a non-empty string", null)]
    [InlineData("""{"uuid":"","log_type":"t","date_time":1}""", "'uuid' is missing or not a non-empty string", null)]
    [InlineData("""{"uuid":7,"log_type":"t","date_time":1}""", "'uuid' is missing or not a non-empty string", null)]
    [InlineData("""{"uuid":"u","log_type":"t"}""", "'date_time' is missing or not a number (epoch milliseconds)", null)]
    [InlineData("""{"uuid":"u","log_type":"t","date_time":"1714728912004"}""", "'date_time' is missing or not a number (epoch milliseconds)", null)]
    [InlineData("""{"uuid":"u","log_type":"t","date_time":1714728912004.5}""", "'date_time' 1714728912004.5 is not a whole number of epoch milliseconds in range", null)]
    [InlineData("""{"uuid":"u","log_type":"t","date_time":-1}""", "'date_time' -1 is not a whole number of epoch milliseconds in range", null)]
    [InlineData("""{"uuid":"u","date_time":1}""", "'log_type' is missing or not a non-empty string", null)]
    public void Parse_WhenTheLineIsNotAnAuditLog_SaysWhatIsWrongAndWhere(string line, string problem, long? column)
    {
        var failure = Assert.Throws<DashlaneLineException>(() => DashlaneLogLine.Parse(Encoding.UTF8.GetBytes(line)));

        Assert.StartsWith(problem, failure.Problem, StringComparison.Ordinal);
        Assert.Equal(column, failure.Column);
    }

    [Fact]
    public void Parse_WhenTheLineIsValid_KeepsItsBytesAndReadsTheKeyFields()
    {
        var raw = Encoding.UTF8.GetBytes("""{"uuid":"5e0b7d2c","log_type":"user_device_added","date_time":1714728067123,"extra":[1,2]}""");

        using var line = DashlaneLogLine.Parse(raw);

        Assert.Same(raw, line.Raw);
        Assert.Equal("5e0b7d2c", line.Uuid);
        Assert.Equal("user_device_added", line.LogType);
        Assert.Equal(1714728067123, line.TimeMs);
        Assert.Equal(new DateTimeOffset(2024, 5, 3, 9, 21, 7, 123, TimeSpan.Zero), line.Time);
    }
}
