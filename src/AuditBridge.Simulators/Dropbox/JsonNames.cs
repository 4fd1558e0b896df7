using System.Text.Json;

namespace AuditBridge.Simulators.Dropbox;

/// <summary>Pre-encoded property names, so hot paths skip name escaping.</summary>
internal static class JsonNames
{
    public static readonly JsonEncodedText Tag = JsonEncodedText.Encode(".tag");
    public static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    public static readonly JsonEncodedText EventCategory = JsonEncodedText.Encode("event_category");
    public static readonly JsonEncodedText Actor = JsonEncodedText.Encode("actor");
    public static readonly JsonEncodedText User = JsonEncodedText.Encode("user");
    public static readonly JsonEncodedText Origin = JsonEncodedText.Encode("origin");
    public static readonly JsonEncodedText GeoLocation = JsonEncodedText.Encode("geo_location");
    public static readonly JsonEncodedText City = JsonEncodedText.Encode("city");
    public static readonly JsonEncodedText Region = JsonEncodedText.Encode("region");
    public static readonly JsonEncodedText Country = JsonEncodedText.Encode("country");
    public static readonly JsonEncodedText IpAddress = JsonEncodedText.Encode("ip_address");
    public static readonly JsonEncodedText AccessMethod = JsonEncodedText.Encode("access_method");
    public static readonly JsonEncodedText EndUser = JsonEncodedText.Encode("end_user");
    public static readonly JsonEncodedText SessionId = JsonEncodedText.Encode("session_id");
    public static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("request_id");
    public static readonly JsonEncodedText InvolveNonTeamMember = JsonEncodedText.Encode("involve_non_team_member");
    public static readonly JsonEncodedText Context = JsonEncodedText.Encode("context");
    public static readonly JsonEncodedText Participants = JsonEncodedText.Encode("participants");
    public static readonly JsonEncodedText Assets = JsonEncodedText.Encode("assets");
    public static readonly JsonEncodedText Path = JsonEncodedText.Encode("path");
    public static readonly JsonEncodedText Contextual = JsonEncodedText.Encode("contextual");
    public static readonly JsonEncodedText NamespaceRelative = JsonEncodedText.Encode("namespace_relative");
    public static readonly JsonEncodedText NsId = JsonEncodedText.Encode("ns_id");
    public static readonly JsonEncodedText RelativePath = JsonEncodedText.Encode("relative_path");
    public static readonly JsonEncodedText IsSharedNamespace = JsonEncodedText.Encode("is_shared_namespace");
    public static readonly JsonEncodedText DisplayName = JsonEncodedText.Encode("display_name");
    public static readonly JsonEncodedText Email = JsonEncodedText.Encode("email");
    public static readonly JsonEncodedText AccountId = JsonEncodedText.Encode("account_id");
    public static readonly JsonEncodedText TeamMemberId = JsonEncodedText.Encode("team_member_id");
    public static readonly JsonEncodedText GroupId = JsonEncodedText.Encode("group_id");
    public static readonly JsonEncodedText FileId = JsonEncodedText.Encode("file_id");
    public static readonly JsonEncodedText FileSize = JsonEncodedText.Encode("file_size");
    public static readonly JsonEncodedText FileCount = JsonEncodedText.Encode("file_count");
    public static readonly JsonEncodedText EventType = JsonEncodedText.Encode("event_type");
    public static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
    public static readonly JsonEncodedText Details = JsonEncodedText.Encode("details");
    public static readonly JsonEncodedText SourceEventFields = JsonEncodedText.Encode("source_event_fields");
    public static readonly JsonEncodedText IsEmmManaged = JsonEncodedText.Encode("is_emm_managed");
    public static readonly JsonEncodedText LoginMethod = JsonEncodedText.Encode("login_method");
    public static readonly JsonEncodedText ErrorDetails = JsonEncodedText.Encode("error_details");
    public static readonly JsonEncodedText UserFriendlyMessage = JsonEncodedText.Encode("user_friendly_message");
    public static readonly JsonEncodedText TechnicalErrorMessage = JsonEncodedText.Encode("technical_error_message");
    public static readonly JsonEncodedText NewValue = JsonEncodedText.Encode("new_value");
    public static readonly JsonEncodedText PreviousValue = JsonEncodedText.Encode("previous_value");
    public static readonly JsonEncodedText UsedRescueCode = JsonEncodedText.Encode("used_rescue_code");
    public static readonly JsonEncodedText SharedLinkAccessLevel = JsonEncodedText.Encode("shared_link_access_level");
    public static readonly JsonEncodedText AppInfo = JsonEncodedText.Encode("app_info");
    public static readonly JsonEncodedText SharedContentLink = JsonEncodedText.Encode("shared_content_link");
    public static readonly JsonEncodedText SharedContentAccessLevel = JsonEncodedText.Encode("shared_content_access_level");
    public static readonly JsonEncodedText Events = JsonEncodedText.Encode("events");
    public static readonly JsonEncodedText Cursor = JsonEncodedText.Encode("cursor");
    public static readonly JsonEncodedText HasMore = JsonEncodedText.Encode("has_more");
    public static readonly JsonEncodedText ErrorSummary = JsonEncodedText.Encode("error_summary");
    public static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
}
