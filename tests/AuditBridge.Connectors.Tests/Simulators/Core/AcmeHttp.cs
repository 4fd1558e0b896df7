using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AuditBridge.Connectors.Tests.Simulators.Core;

/// <summary>Real requests to the test vendor's simulator over loopback.</summary>
internal sealed class AcmeHttp(AcmeSimulator simulator) : IDisposable
{
    public HttpClient Client { get; } = new() { BaseAddress = simulator.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<(HttpStatusCode Status, string Body)> ItemsAsync(string? token = "acme-developer-token", long offset = 0)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/items?offset={offset}");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await SendAsync(request);
    }

    public async Task<(HttpStatusCode Status, string Body)> TokenAsync(string secret = "acme-secret")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_secret"] = secret }),
        };
        return await SendAsync(request);
    }

    public async Task<string> IssueTokenAsync()
    {
        var (status, body) = await TokenAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        return Field(body, "access_token");
    }

    public async Task<(HttpStatusCode Status, string Body)> ControlAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, "_simulator/" + path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await SendAsync(request);
    }

    public static string Field(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty(name).ToString();
    }

    public void Dispose() => Client.Dispose();

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpRequestMessage request)
    {
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
