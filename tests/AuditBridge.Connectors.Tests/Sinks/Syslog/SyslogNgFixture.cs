using AuditBridge.TestKit.Receivers;

namespace AuditBridge.Connectors.Tests.Sinks.Syslog;

/// <summary>One real syslog-ng for a test class; tests tell their messages apart by a unique HOSTNAME.</summary>
public sealed class SyslogNgFixture : IAsyncLifetime
{
    private SyslogNgReceiver? _receiver;

    public SyslogNgReceiver Receiver => _receiver ?? throw new InvalidOperationException("syslog-ng has not been started.");

    public async ValueTask InitializeAsync() => _receiver = await SyslogNgReceiver.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }
}
