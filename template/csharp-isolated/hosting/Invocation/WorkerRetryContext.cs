using Microsoft.Azure.Functions.Worker;

namespace OpenFaaS.Functions.Worker.Invocation;

/// <summary>Which attempt an invocation is: retries happen for timer functions with a retry attribute only.</summary>
internal sealed class WorkerRetryContext(int retryCount, int maxRetryCount) : RetryContext
{
    public static readonly WorkerRetryContext FirstAttempt = new(0, 0);

    public override int RetryCount => retryCount;

    public override int MaxRetryCount => maxRetryCount;
}
