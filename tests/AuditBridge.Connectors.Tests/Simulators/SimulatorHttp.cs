using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AuditBridge.Simulators.Dropbox;

namespace AuditBridge.Connectors.Tests.Simulators;

/// <summary>A thin HTTP client for the Dropbox simulator: real requests over loopback, no Dropbox SDK semantics.</summary>
internal sealed class SimulatorHttp : IDisposable
{
    public const string StaticToken = "sim-access-token";
    public const string GetEventsPath = "2/team_log/get_events";
    public const string ContinuePath = "2/team_log/get_events/continue";

    public SimulatorHttp(DropboxSimulator simulator)
    {
        Client = new HttpClient { BaseAddress = simulator.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public static string ContinueBody(string cursor) => JsonSerializer.Serialize(new Dictionary<string, string> { ["cursor"] = cursor });

    public async Task<HttpResponseMessage> PostAsync(string path, string json, string? token = StaticToken, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request, cancellationToken == default ? TestContext.Current.CancellationToken : cancellationToken);
    }

    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostForTextAsync(string path, string json, string? token = StaticToken)
    {
        var response = await PostAsync(path, json, token);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, body, response);
    }

    public async Task<EventsPage> GetEventsAsync(string json, string? token = StaticToken) =>
        await ReadPageAsync(await PostAsync(GetEventsPath, json, token));

    public async Task<EventsPage> ContinueAsync(string cursor, string? token = StaticToken) =>
        await ReadPageAsync(await PostAsync(ContinuePath, ContinueBody(cursor), token));

    /// <summary>Follows the cursor until has_more is false and returns every page in order.</summary>
    public async Task<IReadOnlyList<EventsPage>> DrainAsync(string json)
    {
        var pages = new List<EventsPage> { await GetEventsAsync(json) };
        while (pages[^1].HasMore)
        {
            Assert.True(pages.Count < 10_000, "paging did not terminate");
            pages.Add(await ContinueAsync(pages[^1].Cursor));
        }

        return pages;
    }

    public void Dispose() => Client.Dispose();

    private static async Task<EventsPage> ReadPageAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var events = root.GetProperty("events").EnumerateArray().Select(e => e.GetRawText()).ToList();
            return new EventsPage(events, root.GetProperty("cursor").GetString()!, root.GetProperty("has_more").GetBoolean());
        }
    }
}
