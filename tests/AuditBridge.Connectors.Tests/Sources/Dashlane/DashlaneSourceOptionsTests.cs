using AuditBridge.Sources.Dashlane;

namespace AuditBridge.Connectors.Tests.Sources.Dashlane;

public sealed class DashlaneSourceOptionsTests
{
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<DashlaneSourceOptions, string> Invalid => new()
    {
        { new DashlaneSourceOptions(), "A first run needs a start (--start)" },
        { new DashlaneSourceOptions { Start = Start, End = Start.AddDays(-1) }, "The end of the window is before its start" },
        { new DashlaneSourceOptions { Start = Start, DcliPath = " " }, "The dcli path must not be empty" },
        { new DashlaneSourceOptions { Start = Start, Overlap = TimeSpan.FromDays(31) }, "The overlap must be between 0 and 30 days" },
        { new DashlaneSourceOptions { Start = Start, Lag = TimeSpan.FromDays(-1) }, "The lag must be between 0 and 7 days" },
        { new DashlaneSourceOptions { Start = Start, PageSize = 0 }, "The page size must be between 1 and 10,000" },
        { new DashlaneSourceOptions { Start = Start, Timeout = TimeSpan.Zero }, "The dcli timeout must be positive" },
        { new DashlaneSourceOptions { Start = Start, Follow = true }, "Following needs an input file" },
        { new DashlaneSourceOptions { InputPath = "-", Follow = true }, "Standard input cannot be followed" },
        { new DashlaneSourceOptions { InputPath = "" }, "The input path must not be empty" },
        { new DashlaneSourceOptions { InputPath = "logs.json", Follow = true, FollowPollInterval = TimeSpan.Zero }, "The follow poll interval must be between 10 ms and 1 hour" },
        { new DashlaneSourceOptions { Start = Start, Environment = new Dictionary<string, string> { ["A=B"] = "x" } }, "'A=B' is not a valid environment variable name" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_WhenAnOptionIsWrong_NamesIt(DashlaneSourceOptions options, string expected)
    {
        Assert.StartsWith(expected, options.Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FirstRunWithoutStart_IsFineWhenACheckpointExists()
    {
        Assert.Null(new DashlaneSourceOptions().Validate(hasCheckpoint: true));
    }

    [Fact]
    public void Validate_FileModeNeedsNoStart()
    {
        Assert.Null(new DashlaneSourceOptions { InputPath = "logs.json", Follow = true }.Validate());
    }

    [Fact]
    public void ToString_NamesTheEnvironmentVariablesButNeverTheirValues()
    {
        var options = new DashlaneSourceOptions { Environment = new Dictionary<string, string> { ["DASHLANE_ENROLLED_TEAM_DEVICE_KEYS"] = "DASH_EDWSA_secret-value" } };

        var text = options.ToString();

        Assert.Contains("DASHLANE_ENROLLED_TEAM_DEVICE_KEYS", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", text, StringComparison.Ordinal);
    }
}
