namespace AuditBridge.Diagnostics;

/// <summary>Every log event id in one place, so ids stay unique and searchable (Npgsql's convention).</summary>
internal static class EventIds
{
    public const int HttpRetrying = 1001;
    public const int HttpRateLimited = 1002;
    public const int TokenRefreshed = 1003;
    public const int TokenRenewAfterExpiry = 1004;
    public const int CursorRecovered = 1101;
    public const int DuplicatesDropped = 1102;
    public const int DcliStarting = 1301;
    public const int DcliFinished = 1302;
    public const int DashlaneNothingToRead = 1303;
    public const int DashlaneFileRestarted = 1304;
    public const int DashlaneFileWaiting = 1305;
    public const int DashlaneIncompleteLine = 1306;
    public const int FileTornTailCut = 1401;
}
