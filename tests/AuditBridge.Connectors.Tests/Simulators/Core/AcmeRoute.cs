namespace AuditBridge.Connectors.Tests.Simulators.Core;

/// <summary>The routes of the test vendor: what a fourth vendor's route flags look like.</summary>
[Flags]
internal enum AcmeRoute
{
    None = 0,
    Items = 1,
    Token = 2,
    Any = Items | Token,
}
