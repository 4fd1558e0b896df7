using AuditBridge.Sinks.File;

namespace AuditBridge.Connectors.Tests.Sinks.File;

public sealed class FileSinkOptionsTests
{
    [Theory]
    [InlineData("/var/log/ab/audit-{date}.cef", null, true, null)]
    [InlineData("/var/log/ab/audit.{n}.cef", 1024L, false, 7)]
    [InlineData("/var/log/ab/audit-{date}.{n}.json", 104857600L, true, 30)]
    [InlineData("/var/log/ab/{date}{n}.csv", 1099511627776L, true, 1)]
    [InlineData("/var/log/ab/audit.cef", null, false, null)]
    public void Validate_ConsistentRotation_ReturnsNoProblem(string path, long? maxBytes, bool daily, int? keep)
    {
        var options = new FileSinkOptions { Path = path, MaxBytes = maxBytes, RotateDaily = daily, KeepFiles = keep };

        var errors = options.Validate();

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("/l/audit.cef", null, true, null, "RotateDaily needs {date}")]
    [InlineData("/l/audit-{date}.cef", 4096L, true, null, "MaxBytes needs {n}")]
    [InlineData("/l/audit-{date}.cef", null, false, null, "only rotation fills in")]
    [InlineData("/l/audit.{n}.cef", null, false, null, "only rotation fills in")]
    [InlineData("/l/audit.cef", null, false, 3, "KeepFiles needs rotation")]
    [InlineData("/l/audit.{n}.cef", 1023L, false, null, "MaxBytes 1023 is outside 1024..1099511627776")]
    [InlineData("/l/audit.{n}.cef", 1099511627777L, false, null, "MaxBytes 1099511627777 is outside")]
    [InlineData("/l/audit.{n}.cef", 4096L, false, 0, "KeepFiles 0 is outside 1..100000")]
    [InlineData("/l/{date}/audit.{n}.cef", 4096L, true, null, "placeholder in its directory part")]
    [InlineData("/l/audit-{date}-{date}.cef", null, true, null, "has {date} more than once")]
    [InlineData("/l/audit-{day}.{n}.cef", 4096L, false, null, "unknown placeholder {day}")]
    public void Validate_InconsistentRotation_NamesTheProblemAndTheFix(string path, long? maxBytes, bool daily, int? keep, string problem)
    {
        var options = new FileSinkOptions { Path = path, MaxBytes = maxBytes, RotateDaily = daily, KeepFiles = keep };

        var errors = options.Validate();

        Assert.Contains(errors, e => e.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SeveralProblems_ReturnsEveryOneAtOnce()
    {
        var options = new FileSinkOptions { Path = "/l/audit.cef", MaxBytes = 10, RotateDaily = true, KeepFiles = -1 };

        var errors = options.Validate();

        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("MaxBytes 10 ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("KeepFiles -1 ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("RotateDaily needs", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("MaxBytes needs", StringComparison.Ordinal));
    }
}
