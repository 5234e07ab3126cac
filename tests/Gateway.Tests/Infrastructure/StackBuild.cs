using ImageCacheFunctions.LocalGateway.Functions;
using ImageCacheFunctions.LocalGateway.Stack;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

/// <summary>
/// The stack.yml functions built once, all together, by the gateway's own build step, into a state folder
/// laid out as the gateway's (so a gateway started on it later only re-checks the builds).
/// </summary>
public sealed class StackBuild : IDisposable
{
    private readonly TempDirectory _directory = new("stack-build");
    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly Dictionary<string, FunctionArtifact> _built = new(StringComparer.Ordinal);

    internal StackDefinition Stack { get; } = StackLoader.Load(Repository.StackFile);

    internal string StateDirectory => _directory.Combine("state");

    internal async Task<FunctionArtifact> GetAsync(string function)
    {
        await _building.WaitAsync();
        try
        {
            if (_built.Count == 0)
            {
                var builder = new FunctionBuilder(Path.Combine(StateDirectory, "build"), NullLogger.Instance);
                foreach (var artifact in await builder.BuildAsync(Stack.Functions, CancellationToken.None))
                {
                    _built[artifact.Name] = artifact;
                }
            }

            var built = _built[function];
            return built;
        }
        finally
        {
            _building.Release();
        }
    }

    public void Dispose()
    {
        _building.Dispose();
        _directory.Dispose();
    }
}
