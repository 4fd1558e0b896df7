using System.Text;
using System.Text.Json;
using AuditBridge.Secrets;
using AuditBridge.TestKit.Secrets;

namespace AuditBridge.Core.Tests.Secrets;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Redact_WhenOneSecretBeginsAnother_MasksTheLongerWhole()
    {
        // The shorter one is added first: only the longest-first order keeps the longer one's tail from surviving.
        const string Short = "tok-4f9a2c";
        const string Long = "tok-4f9a2c71d0e8b3";
        var redactor = new SecretRedactor();
        redactor.Add(new Secret(Short, "env A"));
        redactor.Add(new Secret(Long, "env B"));

        var text = redactor.Redact($"a={Long} b={Short}");

        Assert.Equal("a=*** b=***", text);
        SecretLeaks.AssertNone(Long, text);
    }

    [Fact]
    public void Redact_WhenACollectorEchoesOnlyTheBearerToken_MasksIt()
    {
        var redactor = new SecretRedactor();
        redactor.Add(new Secret("Bearer 7c1f0e9a5b2d4c8e", "env WEBHOOK_AUTH"));

        Assert.Equal("invalid token ***", redactor.Redact("invalid token 7c1f0e9a5b2d4c8e"));
    }

    [Fact]
    public void Redact_WhenBasicCredentialsComeBackEncodedOrDecoded_MasksEveryForm()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("ingest:s3cret-pass"));
        var redactor = new SecretRedactor();
        redactor.Add(new Secret("Basic " + encoded, "env COLLECTOR_AUTH"));

        var text = redactor.Redact($"got {encoded}; user ingest:s3cret-pass; password s3cret-pass");

        Assert.Equal("got ***; user ***; password ***", text);
    }

    [Fact]
    public void Redact_WhenTheSecretComesBackJsonOrUrlEncoded_MasksIt()
    {
        const string Value = "k+y/v=lu\"e\\8chars";
        var redactor = new SecretRedactor();
        redactor.Add(new Secret(Value, "env KEY"));

        var json = JsonSerializer.Serialize(new { echo = Value });
        var form = "client_secret=" + Uri.EscapeDataString(Value);

        Assert.Equal("{\"echo\":\"***\"}", redactor.Redact(json));
        Assert.Equal("client_secret=***", redactor.Redact(form));
    }

    [Fact]
    public void Add_WhenAnIdentifierIsShort_DoesNotMaskOrdinaryNumbers()
    {
        var redactor = new SecretRedactor();
        redactor.Add(Secret.Identifier("9348812", "enterprise_id"));

        Assert.Equal("request 9348812", redactor.Redact("request 9348812"));
    }

    [Fact]
    public void RedactCut_WhenTheTextEndsInTheBeginningOfASecret_MasksThatPiece()
    {
        var redactor = new SecretRedactor();
        redactor.Add(new Secret("refresh-6d2b9e0f4a7c", "env DROPBOX_REFRESH_TOKEN"));

        Assert.Equal("token was ***", redactor.RedactCut("token was refresh-6d2b"));
        Assert.Equal("token was ref", redactor.RedactCut("token was ref"));
    }
}
