namespace AuditBridge.Simulators.Dropbox;

/// <summary>What the <c>assets</c> list holds (A.9.5).</summary>
internal enum AssetsKind : byte
{
    Absent,
    Empty,
    File,
    Folder,
    PaperDocument,
    PaperFolder,
    ShowcaseDocument,
    Several,
}
