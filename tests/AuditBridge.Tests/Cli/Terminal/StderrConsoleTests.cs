using AuditBridge.Cli.Terminal;
using AuditBridge.Secrets;

namespace AuditBridge.Tests.Cli.Terminal;

public sealed class StderrConsoleTests
{
    [Fact]
    public void WriteLine_RedactsAndShowsControlCharactersAsEscapes()
    {
        var error = new StringWriter();
        var redactor = new SecretRedactor();
        redactor.Add(new Secret("app-secret-3Rt7", "env DROPBOX_APP_SECRET"));
        var console = new StderrConsole(error, isInteractive: false, redactor);

        console.WriteLine("error: answer app-secret-3Rt7\u001b[2J\u0007\nforged: line");

        Assert.Equal("error: answer ***\\x1B[2J\\x07\\nforged: line" + Environment.NewLine, error.ToString());
    }
}
