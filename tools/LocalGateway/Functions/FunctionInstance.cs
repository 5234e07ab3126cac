namespace ImageCacheFunctions.LocalGateway.Functions;

/// <summary>One running process of a function.</summary>
/// <param name="Pid">Its process id.</param>
/// <param name="Port">The loopback port it listens on.</param>
/// <param name="StartedAt">When it was spawned.</param>
/// <param name="ColdStart">Spawn to the first 200 from the readiness endpoint.</param>
internal sealed record FunctionInstance(int Pid, int Port, DateTimeOffset StartedAt, TimeSpan ColdStart)
{
    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{Port}");
}
