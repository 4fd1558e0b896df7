using AuditBridge.Secrets;
using AuditBridge.TestKit.Secrets;

namespace AuditBridge.Core.Tests.Secrets;

public sealed class ExternalTextTests
{
    private const string Token = "sl.u.AEcanary0123456789abcdefghijklmnopqrstuvwxyzABCDEF";

    [Fact]
    public void Describe_WhenASecretStraddlesTheCut_RedactsBeforeCutting()
    {
        var redactor = Redactor(Token);
        var body = new string('x', 280) + " echo: " + Token + " " + new string('y', 100);

        var text = ExternalText.Describe(body, redactor, maxChars: 300);

        SecretLeaks.AssertNone(Token, text);
        Assert.Contains("echo: ***", text, StringComparison.Ordinal);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_WhenTheInputWasCutInsideASecret_MasksItsBeginning()
    {
        var redactor = Redactor(Token);

        var text = ExternalText.Describe("rejected " + Token[..20], redactor, isCut: true);

        Assert.Equal("rejected ***…", text);
    }

    [Fact]
    public void Describe_WhenTheBodyHasControlCharacters_ShowsThemAsVisibleEscapes()
    {
        var text = ExternalText.Describe("\u001b[31mdenied\u001b[0m\u0007 line\r\nnext\u202Eevil", new SecretRedactor());

        Assert.Equal("\\x1B[31mdenied\\x1B[0m\\x07 line next\\u202Eevil", text);
        Assert.DoesNotContain('\u001b', text);
    }

    [Fact]
    public void Escape_ShowsLineBreaksSoALogLineCannotBeForged()
    {
        Assert.Equal("a\\nforged line\\r\\tb", ExternalText.Escape("a\nforged line\r\tb"));
        Assert.Equal("plain \\ text", ExternalText.Escape("plain \\ text"));
    }

    private static SecretRedactor Redactor(string secret)
    {
        var redactor = new SecretRedactor();
        redactor.Add(new Secret(secret, "env TOKEN"));
        return redactor;
    }
}
