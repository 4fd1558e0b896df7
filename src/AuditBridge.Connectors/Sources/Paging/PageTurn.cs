namespace AuditBridge.Sources.Paging;

/// <summary>What a page means for the stream: the position to store, and the request for the next page.</summary>
/// <param name="Position">The position to store after this page; null keeps the one stored before (a page without a usable position).</param>
/// <param name="Next">The request for the next page; null when the vendor has nothing more right now.</param>
internal readonly record struct PageTurn<TRequest>(string? Position, TRequest? Next)
    where TRequest : struct;
