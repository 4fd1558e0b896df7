using AuditBridge.Secrets;
using AuditBridge.Sinks;
using AuditBridge.Sinks.Http;

namespace AuditBridge.Connectors.Tests.Sinks.Http;

public sealed class HttpSinkOptionsTests
{
    private static readonly Secret Token = new("7c4b1f0e-93a2-4d5e-b8f1-2a6c9e0d3b74", "env SPLUNK_HEC_TOKEN");

    [Theory]
    [InlineData("https://collector.example.com/ingest")]
    [InlineData("http://127.0.0.1:8080/ingest")]
    [InlineData("http://localhost:8080/")]
    [InlineData("http://[::1]:8080/")]
    public void Validate_AcceptableEndpoint_ReturnsNoProblem(string endpoint)
    {
        var options = new HttpSinkOptions { Endpoint = endpoint };

        var errors = options.Validate();

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("", "Endpoint is required")]
    [InlineData("collector.example.com", "is not an http:// or https:// URL")]
    [InlineData("ftp://collector.example.com/", "is not an http:// or https:// URL")]
    [InlineData("http://collector.example.com/ingest", "unencrypted")]
    [InlineData("https://user:pass@collector.example.com/", "must not contain user:password@")]
    [InlineData("https://collector.example.com/#x", "#fragment")]
    public void Validate_UnacceptableEndpoint_NamesTheProblem(string endpoint, string problem)
    {
        var options = new HttpSinkOptions { Endpoint = endpoint };

        var errors = options.Validate();

        Assert.Contains(problem, Assert.Single(errors), StringComparison.Ordinal);
        Assert.DoesNotContain("pass", string.Join(" ", errors).Replace("password", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PlainHttpToAnotherHostWithAllowInsecureHttp_ReturnsNoProblem()
    {
        var options = new HttpSinkOptions { Endpoint = "http://collector.internal:8080/ingest", AllowInsecureHttp = true };

        var errors = options.Validate();

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_EndpointWithQuery_NeverPrintsTheQuery()
    {
        var options = new HttpSinkOptions { Endpoint = "http://collector.example.com/ingest?api_key=s3cr3t" };

        var errors = options.Validate();

        Assert.Contains("http://collector.example.com/ingest?…", Assert.Single(errors), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HecWithoutToken_AsksForIt()
    {
        var options = new HttpSinkOptions { Endpoint = "https://splunk.example.com:8088", Mode = HttpSinkMode.SplunkHec };

        var errors = options.Validate();

        Assert.Contains("Token is required for SplunkHec", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HecSettingsInNdjsonMode_AreRefused()
    {
        var options = new HttpSinkOptions { Endpoint = "https://collector.example.com/", Token = Token, Index = "main", Sourcetype = "x" };

        var errors = options.Validate();

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Token applies to SplunkHec only", StringComparison.Ordinal));
        Assert.Contains("Index applies to SplunkHec only.", errors);
        Assert.Contains("Sourcetype applies to SplunkHec only.", errors);
    }

    [Theory]
    [InlineData("Authorization", "carries a credential")]
    [InlineData("cookie", "carries a credential")]
    [InlineData("X-Api-Key", "carries a credential")]
    [InlineData("x-auth-token", "carries a credential")]
    [InlineData("Ocp-Apim-Subscription-Key", "carries a credential")]
    [InlineData("Content-Type", "set by the sink itself")]
    [InlineData("Content-Encoding", "set by the sink itself")]
    [InlineData("Bad Name", "not a valid HTTP header name")]
    public void Validate_UnacceptablePlainHeader_NamesTheProblem(string name, string problem)
    {
        var options = new HttpSinkOptions { Endpoint = "https://collector.example.com/" };
        options.Headers[name] = "value";

        var errors = options.Validate();

        Assert.Contains(errors, e => e.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_HeaderValueWithLineBreak_IsRefusedWithoutPrintingTheValue()
    {
        var options = new HttpSinkOptions { Endpoint = "https://collector.example.com/" };
        options.SecretHeaders["X-Api-Key"] = new Secret("abc123\r\nX-Injected: 1", "env API_KEY");

        var errors = options.Validate();

        Assert.Equal("Header 'X-Api-Key' has a line break in its value.", Assert.Single(errors));
    }

    [Fact]
    public void Validate_AuthorizationSecretHeaderInHecMode_IsRefused()
    {
        var options = new HttpSinkOptions { Endpoint = "https://splunk.example.com:8088", Mode = HttpSinkMode.SplunkHec, Token = Token };
        options.SecretHeaders["Authorization"] = Token;

        var errors = options.Validate();

        Assert.Contains("remove Authorization from SecretHeaders", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TlsSettingsOnPlainHttp_AreRefused()
    {
        var options = new HttpSinkOptions { Endpoint = "http://127.0.0.1:8080/", InsecureSkipVerify = true };

        var errors = options.Validate();

        Assert.Equal("InsecureSkipVerify applies to https:// endpoints only, but the endpoint is http://127.0.0.1:8080/.", Assert.Single(errors));
    }

    [Fact]
    public void Validate_EverythingWrong_ListsEveryProblem()
    {
        var options = new HttpSinkOptions
        {
            Endpoint = "http://collector.example.com/",
            MaxBatchEvents = 0,
            MaxBatchBytes = 10,
            RequestTimeout = TimeSpan.Zero,
            CaFile = "/nonexistent/ca.pem",
        };

        var errors = options.Validate();

        Assert.Equal(5, errors.Count);
        Assert.Contains("MaxBatchEvents 0 is outside 1..100000.", errors);
        Assert.Contains("MaxBatchBytes 10 is outside 1024..268435456.", errors);
        Assert.Contains(errors, e => e.StartsWith("RequestTimeout", StringComparison.Ordinal));
        Assert.Contains("CaFile '/nonexistent/ca.pem' does not exist.", errors);
    }

    [Fact]
    public void Create_WithInvalidSettings_ThrowsOnePermanentExceptionListingThem()
    {
        var options = new HttpSinkOptions { Endpoint = "http://collector.example.com/", Mode = HttpSinkMode.SplunkHec };

        var error = Assert.Throws<SinkException>(() => HttpSinkFactory.Create(options, null, TimeProvider.System));

        Assert.False(error.IsTransient);
        Assert.StartsWith("Invalid http sink settings:", error.Message, StringComparison.Ordinal);
        Assert.Contains("unencrypted", error.Message, StringComparison.Ordinal);
        Assert.Contains("Token is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new HttpSinkOptions();

        Assert.Equal(HttpSinkMode.Ndjson, options.Mode);
        Assert.Equal(500, options.MaxBatchEvents);
        Assert.Equal(1_048_576, options.MaxBatchBytes);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RequestTimeout);
        Assert.False(options.InsecureSkipVerify);
        Assert.False(options.AllowInsecureHttp);
        Assert.False(options.Gzip);
        Assert.Equal("http", HttpSinkFactory.Type);
    }
}
