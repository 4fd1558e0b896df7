using System.Net;
using System.Text;
using AuditBridge.Secrets;
using AuditBridge.Sources;
using AuditBridge.Sources.Http;
using AuditBridge.TestKit.Http;
using AuditBridge.TestKit.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditBridge.Connectors.Tests.Sources.Http;

public sealed class VendorHttpClientTests
{
    private static readonly DateTimeOffset Start = new(2024, 5, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SendAsync_When429WithRetryAfterHeader_WaitsExactlyThatLongOnTheClockThenSucceeds()
    {
        var calls = 0;
        await using var server = await Serve(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "30";
                return;
            }

            await context.Response.WriteAsync("ok");
        });
        var time = new FakeTimeProvider(Start, autoAdvance: true);

        var result = await Client(server, time).SendAsync("op", () => Get(server), Text, null, TestContext.Current.CancellationToken);

        Assert.Equal("ok", result);
        Assert.Equal([TimeSpan.FromSeconds(30)], time.Waits);
    }

    [Fact]
    public async Task SendAsync_When429CarriesItsWaitInTheBody_UsesTheBodyReader()
    {
        var calls = 0;
        await using var server = await Serve(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 429;
                await context.Response.WriteAsync("wait 7");
                return;
            }

            await context.Response.WriteAsync("ok");
        });
        var time = new FakeTimeProvider(Start, autoAdvance: true);

        await Client(server, time).SendAsync("op", () => Get(server), Text, _ => TimeSpan.FromSeconds(7), TestContext.Current.CancellationToken);

        Assert.Equal([TimeSpan.FromSeconds(7)], time.Waits);
    }

    [Fact]
    public async Task SendAsync_When429AsksForMoreThanTheMaximumWait_FailsAtOnceAsRateLimited()
    {
        await using var server = await Serve(context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "600";
            return Task.CompletedTask;
        });
        var time = new FakeTimeProvider(Start, autoAdvance: true);
        var client = Client(server, time, new VendorHttpOptions { MaxRateLimitWait = TimeSpan.FromMinutes(5) });

        var failure = await Assert.ThrowsAsync<SourceException>(() => client.SendAsync("op", () => Get(server), Text, null, TestContext.Current.CancellationToken));

        Assert.Equal(SourceErrorKind.RateLimited, failure.Kind);
        Assert.True(failure.IsTransient);
        Assert.Contains("600 s", failure.Message, StringComparison.Ordinal);
        Assert.Contains("2024-05-03T10:10:00Z", failure.Message, StringComparison.Ordinal);
        Assert.Empty(time.Waits);
    }

    [Fact]
    public async Task SendAsync_WhenRateLimitsAddUpBeyondTheMaximum_StopsBeforeExceedingIt()
    {
        await using var server = await Serve(context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "120";
            return Task.CompletedTask;
        });
        var time = new FakeTimeProvider(Start, autoAdvance: true);
        var client = Client(server, time, new VendorHttpOptions { MaxRateLimitWait = TimeSpan.FromMinutes(5) });

        var failure = await Assert.ThrowsAsync<SourceException>(() => client.SendAsync("op", () => Get(server), Text, null, TestContext.Current.CancellationToken));

        Assert.Equal(SourceErrorKind.RateLimited, failure.Kind);
        Assert.Equal([TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(120)], time.Waits);
    }

    [Fact]
    public async Task SendAsync_When503WithRetryAfterThen200_WaitsAsToldAndSucceeds()
    {
        var calls = 0;
        await using var server = await Serve(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 503;
                context.Response.Headers.RetryAfter = "3";
                return;
            }

            await context.Response.WriteAsync("ok");
        });
        var time = new FakeTimeProvider(Start, autoAdvance: true);

        var result = await Client(server, time).SendAsync("op", () => Get(server), Text, null, TestContext.Current.CancellationToken);

        Assert.Equal("ok", result);
        Assert.Equal([TimeSpan.FromSeconds(3)], time.Waits);
    }

    [Fact]
    public async Task SendAsync_WhenServerKeepsFailing_BacksOffExponentiallyThenFailsAsUnavailable()
    {
        await using var server = await Serve(context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        var time = new FakeTimeProvider(Start, autoAdvance: true);
        var options = new VendorHttpOptions { MaxAttempts = 4, InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(60) };

        var failure = await Assert.ThrowsAsync<SourceException>(() => Client(server, time, options).SendAsync("get_events", () => Get(server), Text, null, TestContext.Current.CancellationToken));

        Assert.Equal(SourceErrorKind.Unavailable, failure.Kind);
        Assert.Contains("failed 4 times", failure.Message, StringComparison.Ordinal);
        Assert.Equal(4, server.Requests.Count);
        var waits = time.Waits;
        Assert.Equal(3, waits.Count);
        for (var i = 0; i < waits.Count; i++)
        {
            Assert.InRange(waits[i], TimeSpan.FromSeconds(1 << i) / 2, TimeSpan.FromSeconds(1 << i));
        }
    }

    [Fact]
    public async Task SendAsync_WhenTheBodyIsCutShort_RetriesAndThenSucceeds()
    {
        var calls = 0;
        await using var server = await Serve(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.ContentLength = 1000;
                await context.Response.WriteAsync("{\"events\":[", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                context.Abort();
                return;
            }

            await context.Response.WriteAsync("ok");
        });
        var time = new FakeTimeProvider(Start, autoAdvance: true);

        var result = await Client(server, time).SendAsync("op", () => Get(server), Text, null, TestContext.Current.CancellationToken);

        Assert.Equal("ok", result);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_WhenHandlerKeepsRejectingTheBody_FailsAsInvalidResponse()
    {
        await using var server = await Serve(context => context.Response.WriteAsync("<html>maintenance</html>"));
        var time = new FakeTimeProvider(Start, autoAdvance: true);
        var options = new VendorHttpOptions { MaxAttempts = 3 };

        var failure = await Assert.ThrowsAsync<SourceException>(() => Client(server, time, options).SendAsync<string>(
            "get_events", () => Get(server), _ => throw new InvalidVendorResponseException("not a page"), null, TestContext.Current.CancellationToken));

        Assert.Equal(SourceErrorKind.InvalidResponse, failure.Kind);
        Assert.Contains("not a page", failure.Message, StringComparison.Ordinal);
        Assert.Contains("nothing of that page was used", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_WhenTheServerDoesNotAnswerInTime_CountsItAsATransientFailure()
    {
        var calls = 0;
        await using var server = await Serve(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            await context.Response.WriteAsync("ok");
        });
        var time = new FakeTimeProvider(Start, autoAdvance: true);
        var options = new VendorHttpOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) };

        var result = await Client(server, time, options).SendAsync("op", () => Get(server), Text, null, TestContext.Current.CancellationToken);

        Assert.Equal("ok", result);
        Assert.Single(time.Waits);
    }

    [Fact]
    public async Task SendAsync_When401AndTheAuthorizerRenews_RetriesOnceWithNewCredentials()
    {
        await using var server = await Serve(async context =>
        {
            if (context.Request.Headers.Authorization != "Bearer fresh")
            {
                context.Response.StatusCode = 401;
                return;
            }

            await context.Response.WriteAsync("ok");
        });
        var authorizer = new RenewingAuthorizer();
        var client = new VendorHttpClient("Test", new HttpClient(), authorizer, new VendorHttpOptions(), new FakeTimeProvider(Start, autoAdvance: true), NullLogger.Instance, new SecretRedactor());

        var result = await client.SendAsync("op", () => Get(server), Text, null, TestContext.Current.CancellationToken);

        Assert.Equal("ok", result);
        Assert.Equal(1, authorizer.Renewals);
    }

    [Fact]
    public async Task SendAsync_WhenStill401AfterRenewing_HandsThe401ToTheHandler()
    {
        await using var server = await Serve(context =>
        {
            context.Response.StatusCode = 401;
            return Task.CompletedTask;
        });
        var authorizer = new RenewingAuthorizer();
        var client = new VendorHttpClient("Test", new HttpClient(), authorizer, new VendorHttpOptions(), new FakeTimeProvider(Start, autoAdvance: true), NullLogger.Instance, new SecretRedactor());

        var status = await client.SendAsync("op", () => Get(server), r => r.Status, null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(1, authorizer.Renewals);
        Assert.Equal(2, server.Requests.Count);
    }

    private static Task<FakeSaasServer> Serve(RequestDelegate handler) =>
        FakeSaasServer.StartAsync(app => app.Map("/x", handler), TestContext.Current.CancellationToken);

    private static VendorHttpClient Client(FakeSaasServer server, TimeProvider time, VendorHttpOptions? options = null) =>
        new("Test", new HttpClient(), new StaticAuthorizer(), options ?? new VendorHttpOptions(), time, NullLogger.Instance, new SecretRedactor(), new Random(3));

    private static HttpRequestMessage Get(FakeSaasServer server) => new(HttpMethod.Get, new Uri(server.BaseUrl, "x"));

    private static string Text(VendorResponse response) => Encoding.UTF8.GetString(response.Body.Span);

    private sealed class StaticAuthorizer : IRequestAuthorizer
    {
        public ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<bool> TryRenewAsync(VendorResponse unauthorized, CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }

    private sealed class RenewingAuthorizer : IRequestAuthorizer
    {
        private string _token = "stale";

        public int Renewals { get; private set; }

        public ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _token);
            return ValueTask.CompletedTask;
        }

        public ValueTask<bool> TryRenewAsync(VendorResponse unauthorized, CancellationToken cancellationToken)
        {
            Renewals++;
            _token = "fresh";
            return ValueTask.FromResult(true);
        }
    }
}
