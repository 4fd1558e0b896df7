using AuditBridge.Simulators.Core;
using Microsoft.AspNetCore.Http;

namespace AuditBridge.Connectors.Tests.Simulators.Core;

public sealed class FaultQueueTests
{
    private const int Items = (int)AcmeRoute.Items;
    private const int Token = (int)AcmeRoute.Token;

    private static readonly HttpRequest Request = new DefaultHttpContext().Request;

    [Fact]
    public void TryTake_TakesFaultsInTheOrderTheyWereQueued()
    {
        var queue = Queue();
        var first = AcmeFault.ServerError(500);
        var second = AcmeFault.ServerError(503);
        var third = AcmeFault.NotJson();
        queue.Enqueue(first);
        queue.Enqueue(second);
        queue.Enqueue(third);

        var taken = new[] { queue.TryTake(Items, Request), queue.TryTake(Items, Request), queue.TryTake(Items, Request), queue.TryTake(Items, Request) };

        Assert.Same(first, taken[0]);
        Assert.Same(second, taken[1]);
        Assert.Same(third, taken[2]);
        Assert.Null(taken[3]);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void TryTake_LeavesFaultsForOtherRoutesQueued()
    {
        var queue = Queue();
        var onToken = AcmeFault.ServerError() with { Route = AcmeRoute.Token };
        var onItems = AcmeFault.Hang() with { Route = AcmeRoute.Items };
        queue.Enqueue(onToken);
        queue.Enqueue(onItems);

        var forItems = queue.TryTake(Items, Request);

        Assert.Same(onItems, forItems);
        Assert.Equal(1, queue.Count);
        Assert.Same(onToken, queue.TryTake(Token, Request));
    }

    [Fact]
    public void TryTake_FaultWithTimes_AnswersThatManyRequestsInARowBeforeTheNextFault()
    {
        var queue = Queue();
        var twice = AcmeFault.ServerError(502) with { Times = 2 };
        var after = AcmeFault.NotJson();
        queue.Enqueue(twice);
        queue.Enqueue(after);

        var taken = new[] { queue.TryTake(Items, Request), queue.TryTake(Items, Request), queue.TryTake(Items, Request) };

        Assert.Same(twice, taken[0]);
        Assert.Same(twice, taken[1]);
        Assert.Same(after, taken[2]);
    }

    [Fact]
    public void TryTake_FaultWithSkip_LetsThatManyMatchingRequestsPass_AndOnlyMatchingOnesCount()
    {
        var queue = Queue();
        var fault = AcmeFault.ServerError() with { Route = AcmeRoute.Items, Skip = 2 };
        queue.Enqueue(fault);

        var token = queue.TryTake(Token, Request);
        var first = queue.TryTake(Items, Request);
        var second = queue.TryTake(Items, Request);
        var third = queue.TryTake(Items, Request);

        Assert.Null(token);
        Assert.Null(first);
        Assert.Null(second);
        Assert.Same(fault, third);
    }

    [Fact]
    public void TryTake_WhileTheOldestFaultSkips_AYoungerFaultMayAnswer()
    {
        var queue = Queue();
        var skipping = AcmeFault.ServerError(500) with { Skip = 1 };
        var younger = AcmeFault.ServerError(503);
        queue.Enqueue(skipping);
        queue.Enqueue(younger);

        var first = queue.TryTake(Items, Request);
        var second = queue.TryTake(Items, Request);

        Assert.Same(younger, first);
        Assert.Same(skipping, second);
    }

    [Fact]
    public void Clear_DropsEveryPendingFault()
    {
        var queue = Queue();
        queue.Enqueue(AcmeFault.ServerError());
        queue.Enqueue(AcmeFault.Hang());

        queue.Clear();

        Assert.Equal(0, queue.Count);
        Assert.Null(queue.TryTake(Items, Request));
    }

    [Fact]
    public void Enqueue_RejectsAFaultWithoutARouteOrTimesOrNegativeSkip()
    {
        var queue = Queue();

        Assert.Throws<ArgumentException>(() => queue.Enqueue(AcmeFault.ServerError() with { Route = AcmeRoute.None }));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Enqueue(AcmeFault.ServerError() with { Times = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Enqueue(AcmeFault.ServerError() with { Skip = -1 }));
        Assert.Equal(0, queue.Count);
    }

    private static FaultQueue<AcmeFault> Queue() => new((int)AcmeRoute.Any);
}
