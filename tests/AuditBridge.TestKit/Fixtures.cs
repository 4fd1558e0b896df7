namespace AuditBridge.TestKit;

/// <summary>Loads test fixtures copied to the test output (<c>Fixtures/&lt;vendor&gt;/&lt;endpoint&gt;/NNN.json</c>).</summary>
public static class Fixtures
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    public static string Text(string relative) => File.ReadAllText(PathOf(relative));
}
