namespace ImageCacheFunctions.LocalGateway.Bench;

/// <summary>A process whose cold start the bench measures: how to start it and what answers 200 once it is up.</summary>
/// <param name="Name">How the table names it.</param>
/// <param name="FileName">The executable (`dotnet`, or a NativeAOT binary).</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Environment">Its environment for a given port.</param>
/// <param name="ReadyPath">The path polled until it answers 200.</param>
internal sealed record BenchSubject(
    string Name,
    string FileName,
    IReadOnlyList<string> Arguments,
    Func<int, IReadOnlyDictionary<string, string?>> Environment,
    string ReadyPath)
{
    public string WorkingDirectory => Path.GetDirectoryName(Arguments.Count > 0 && Arguments[0].EndsWith(".dll", StringComparison.Ordinal) ? Arguments[0] : FileName)!;
}
