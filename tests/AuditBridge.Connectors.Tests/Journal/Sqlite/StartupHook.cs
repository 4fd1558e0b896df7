using AuditBridge.Connectors.Tests.Journal.Sqlite;

/// <summary>
/// The .NET startup hook (<c>DOTNET_STARTUP_HOOKS</c>) through which the crash tests run their child process; the
/// runtime requires this exact name in the global namespace. Without the child's variable it returns at once.
/// </summary>
#pragma warning disable CA1050 // The runtime looks the hook up by this global name.
internal static class StartupHook
#pragma warning restore CA1050
{
    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(JournalCrashChild.Variable) is { } command)
        {
            JournalCrashChild.Run(command);
        }
    }
}
