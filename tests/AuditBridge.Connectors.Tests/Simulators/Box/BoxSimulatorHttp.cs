using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AuditBridge.Simulators.Box;

namespace AuditBridge.Connectors.Tests.Simulators.Box;

/// <summary>A thin HTTP client for the Box simulator: real requests over loopback, no Box SDK semantics.</summary>
internal sealed class BoxSimulatorHttp : IDisposable
{
    public const string DeveloperToken = "sim-developer-token";
    public const string ClientCredentialsForm = "grant_type=client_credentials&client_id=sim-client-id&client_secret=sim-client-secret&box_subject_type=enterprise&box_subject_id=9348812";

    public BoxSimulatorHttp(BoxSimulator simulator)
    {
        Client = new HttpClient { BaseAddress = simulator.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(string query, string? token = DeveloperToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "2.0/events" + query);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, body, response);
    }

    public async Task<BoxEventsPage> PageAsync(string query, string? token = DeveloperToken)
    {
        var (status, body, response) = await GetAsync(query, token);
        using (response)
        {
            Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {body}");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            return Parse(body);
        }
    }

    /// <summary>Follows next_stream_position until an empty page, sending the other parameters on every call.</summary>
    public async Task<IReadOnlyList<BoxEventsPage>> DrainAsync(string parameters, string? startPosition = null)
    {
        var pages = new List<BoxEventsPage>();
        var position = startPosition;
        while (true)
        {
            Assert.True(pages.Count < 10_000, "paging did not terminate");
            var page = await PageAsync("?" + parameters + (position is null ? string.Empty : "&stream_position=" + position));
            pages.Add(page);
            if (page.Entries.Count == 0)
            {
                return pages;
            }

            position = page.Position;
        }
    }

    public async Task<(HttpStatusCode Status, string Json)> TokenAsync(string form)
    {
        using var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await Client.PostAsync("oauth2/token", content, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static string Field(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty(name) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : document.RootElement.GetProperty(name).GetRawText();
    }

    public void Dispose() => Client.Dispose();

    private static BoxEventsPage Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var position = root.GetProperty("next_stream_position");
        var text = position.ValueKind == JsonValueKind.String ? position.GetString()! : position.GetRawText();
        var entries = root.GetProperty("entries").EnumerateArray().Select(e => e.GetRawText()).ToList();
        return new BoxEventsPage(entries, text, position.ValueKind, root.GetProperty("chunk_size").GetInt64());
    }
}
