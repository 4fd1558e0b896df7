using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AuditBridge.Secrets;
using AuditBridge.Sources;
using AuditBridge.Sources.Http;
using AuditBridge.TestKit.Http;
using AuditBridge.TestKit.Receivers;
using AuditBridge.TestKit.Secrets;
using AuditBridge.TestKit.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditBridge.Connectors.Tests.Sources.Http;

/// <summary>How the vendor HTTP client keeps credentials where they belong: redirects, TLS failures, URLs, quoted answers.</summary>
public sealed class VendorHttpSecurityTests
{
    private const string Token = "vendor-token-Tq9Wr3Ey7Ui1Op5As2Df8Gh4Jk";
    private static readonly DateTimeOffset Start = new(2024, 5, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SendAsync_WhenTheServerCertificateIsNotTrusted_NamesTheReason()
    {
        using var certificates = LoopbackCertificates.Create();
        await using var server = await LoopbackHttpCollector.StartAsync(certificates.Server, TestContext.Current.CancellationToken);

        var failure = await SendAsync(server.BaseUrl);

        Assert.Contains("the TLS certificate was refused", failure.Message, StringComparison.Ordinal);
        Assert.Contains("its chain is not trusted", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("see inner exception", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_WhenTheCertificateNamesAnotherHost_SaysNameMismatch()
    {
        using var certificates = LoopbackCertificates.Create(serverName: "elsewhere.example", includeLoopbackAddresses: false);
        await using var server = await LoopbackHttpCollector.StartAsync(certificates.Server, TestContext.Current.CancellationToken);

        var failure = await SendAsync(server.BaseUrl);

        Assert.Contains("the certificate is not issued for '127.0.0.1' (name mismatch)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_WhenTheCertificateHasExpired_SaysWhen()
    {
        using var expired = ExpiredCertificate();
        await using var server = await LoopbackHttpCollector.StartAsync(expired, TestContext.Current.CancellationToken);

        var failure = await SendAsync(server.BaseUrl);

        Assert.Contains($"the certificate expired on {expired.NotAfter.ToUniversalTime():yyyy-MM-dd}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_WhenTheAnswerIsARedirect_RefusesItPermanentlyWithoutFollowingOrQuotingTheToken()
    {
        var followed = 0;
        await using var elsewhere = await FakeSaasServer.StartAsync(
            app => app.Run(_ =>
            {
                Interlocked.Increment(ref followed);
                return Task.CompletedTask;
            }),
            TestContext.Current.CancellationToken);
        await using var server = await FakeSaasServer.StartAsync(
            app => app.Map("/x", context =>
            {
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = new Uri(elsewhere.BaseUrl, "steal/" + Token + "?t=" + Token).AbsoluteUri;
                return Task.CompletedTask;
            }),
            TestContext.Current.CancellationToken);

        var failure = await SendAsync(new Uri(server.BaseUrl, "x"));

        Assert.Equal(0, followed);
        Assert.False(failure.IsTransient);
        Assert.Equal(SourceErrorKind.InvalidRequest, failure.Kind);
        Assert.Contains($"HTTP 302, a redirect to {elsewhere.BaseUrl}steal/***", failure.Message, StringComparison.Ordinal);
        SecretLeaks.AssertNone(Token, failure.Message);
    }

    [Fact]
    public async Task SendAsync_WhenA5xxBodyEchoesTheTokenAcrossTheQuoteLimit_TheReasonShowsNoPieceOfIt()
    {
        await using var server = await FakeSaasServer.StartAsync(
            app => app.Map("/x", async context =>
            {
                context.Response.StatusCode = 502;
                await context.Response.WriteAsync(new string('-', 100) + Token + "\u001b]0;owned\u0007");
            }),
            TestContext.Current.CancellationToken);

        var failure = await SendAsync(new Uri(server.BaseUrl, "x"));

        Assert.Contains("HTTP 502", failure.Message, StringComparison.Ordinal);
        SecretLeaks.AssertNone(Token, failure.Message);
        Assert.DoesNotContain('\u001b', failure.Message);
    }

    [Theory]
    [InlineData("https://api.dropboxapi.com/", false, null)]
    [InlineData("http://127.0.0.1:8080/", false, null)]
    [InlineData("http://localhost/", false, null)]
    [InlineData("http://[::1]:81/", false, null)]
    [InlineData("http://proxy.internal/", true, null)]
    [InlineData("http://api.dropboxapi.com/", false, "would send the credentials, tokens and audit events unencrypted")]
    [InlineData("https://user:hunter2-password@api.box.com/", false, "must not contain user:password@ (https://api.box.com/)")]
    [InlineData("ftp://api.box.com/", false, "is not an https:// URL")]
    public void Check_AllowsHttpsLoopbackOrAnExplicitOptIn_AndNeverAPassword(string url, bool allowInsecureHttp, string? expected)
    {
        var problem = VendorEndpoint.Check(new Uri(url), "api_url", allowInsecureHttp, "allow_insecure_http");

        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(expected, problem, StringComparison.Ordinal);
            Assert.StartsWith("api_url", problem, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
        }
    }

    private static async Task<SourceException> SendAsync(Uri url)
    {
        using var http = VendorHttp.CreateClient();
        var redactor = new SecretRedactor();
        redactor.Add(new Secret(Token, "env TOKEN"));
        var client = new VendorHttpClient("Test", http, new BearerAuthorizer(), new VendorHttpOptions { MaxAttempts = 1 }, new FakeTimeProvider(Start, autoAdvance: true), NullLogger.Instance, redactor);
        return await Assert.ThrowsAsync<SourceException>(() => client.SendAsync(
            "op",
            () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("secret=" + Token) },
            response => response.Status == HttpStatusCode.OK ? "ok" : throw new SourceException(SourceErrorKind.InvalidRequest, "HTTP " + (int)response.Status + " " + response.Describe(), isTransient: false),
            null,
            TestContext.Current.CancellationToken));
    }

    private static X509Certificate2 ExpiredCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-30), now.AddDays(-2));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }

    private sealed class BearerAuthorizer : IRequestAuthorizer
    {
        public ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
            return ValueTask.CompletedTask;
        }

        public ValueTask<bool> TryRenewAsync(VendorResponse unauthorized, CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }
}
