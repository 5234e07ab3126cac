using Microsoft.Azure.Functions.Worker;

namespace OpenFaaS.Functions.Worker.Invocation;

/// <summary>The host never retries an invocation: this is always the first and only attempt.</summary>
internal sealed class WorkerRetryContext : RetryContext
{
    public static readonly WorkerRetryContext FirstAttempt = new();

    public override int RetryCount => 0;

    public override int MaxRetryCount => 0;
}
