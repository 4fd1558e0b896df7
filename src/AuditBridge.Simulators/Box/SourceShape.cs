namespace AuditBridge.Simulators.Box;

/// <summary>The <c>source</c> shapes of saas-apis.md B.3.</summary>
internal enum SourceShape
{
    /// <summary>A full file object (<c>type: file</c>, with <c>path_collection</c>).</summary>
    FullFile,

    /// <summary>A full folder object.</summary>
    FullFolder,

    /// <summary><c>EventSource</c>: <c>item_type: file</c>, <c>item_id</c>, <c>item_name</c>, <c>parent</c>, <c>owned_by</c>.</summary>
    ItemFile,

    /// <summary><c>EventSource</c> for a folder.</summary>
    ItemFolder,

    /// <summary>A full web link object.</summary>
    WebLink,

    /// <summary>A user (<c>type: user</c>).</summary>
    User,

    /// <summary>A group (<c>type: group</c>).</summary>
    Group,

    /// <summary>The flat collaboration shape: <c>folder_id</c>, <c>folder_name</c>, <c>user_id</c>, <c>user_name</c>, <c>owned_by</c>, <c>parent</c>.</summary>
    Collaboration,

    /// <summary><c>AppItemEventSource</c> (<c>type: app_item</c>).</summary>
    AppItem,

    /// <summary>Arbitrary key/values (policies, applications).</summary>
    Generic,

    /// <summary><c>"source": null</c>.</summary>
    None,
}
