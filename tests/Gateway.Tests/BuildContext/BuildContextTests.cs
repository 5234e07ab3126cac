using System.Text.RegularExpressions;
using ImageCacheFunctions.LocalGateway.Stack;
using ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

namespace ImageCacheFunctions.LocalGateway.Tests.BuildContext;

/// <summary>
/// What `faas-cli build` would do, without Docker: each function's build context laid out as
/// faas-cli lays it out, and the template Dockerfile's own build commands run in it. A project
/// reference or a props file that only resolves in the repository fails here.
/// </summary>
[Collection(SlowProcesses.Name)]
public sealed partial class BuildContextTests(DockerfileWorkspace workspace)
{
    private static readonly TimeSpan CommandBound = TimeSpan.FromMinutes(15);

    public static TheoryData<string> StackFunctions => new(StackLoader.Load(Repository.StackFile).Functions.Select(f => f.Name));

    [GeneratedRegex(@"\[Function\(""(?<name>[^""]+)""\)\]")]
    private static partial Regex FunctionAttributeInSource();

    [Theory]
    [MemberData(nameof(StackFunctions))]
    public async Task The_dockerfile_publishes_the_function_from_its_faas_cli_build_context(string name)
    {
        var stack = StackLoader.Load(Repository.StackFile);
        var function = stack.Find(name)!;
        using var temp = new TempDirectory("build-context");
        var laidOut = FaasCliBuildContext.Create(stack, function, temp.Path);
        var dockerfile = Path.Combine(laidOut, "Dockerfile");
        var build = DockerfileBuild.Parse(dockerfile);
        Assert.True(DockerfileBuild.ShipsFolder(dockerfile, build.PublishOutput), $"no later stage copies {build.PublishOutput}");

        using var mirrored = await workspace.MirrorAsync(laidOut);
        var context = workspace.Context;
        var output = temp.Combine("publish");
        foreach (var command in build.CommandsPublishingTo(output))
        {
            var result = await ShellCommand.RunAsync(command, context, CommandBound);
            Assert.True(result.ExitCode == 0, $"`{command}` failed (exit {result.ExitCode}) in {context}:{Environment.NewLine}{result.Tail}");
        }

        var assembly = Path.Combine(output, build.ProcessAssembly);
        Assert.True(File.Exists(assembly), $"the publish output has no {build.ProcessAssembly} (fprocess): {string.Join(", ", Directory.GetFiles(output).Select(Path.GetFileName))}");
        Assert.True(File.Exists(Path.ChangeExtension(assembly, ".runtimeconfig.json")), "the published function is not runnable with `dotnet`");

        // The handler's functions were published, not the template's skeleton.
        var declaredInSource = Directory.EnumerateFiles(function.HandlerDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => FunctionAttributeInSource().Matches(File.ReadAllText(f)).Select(m => m.Groups["name"].Value))
            .Order(StringComparer.Ordinal)
            .ToList();
        var published = FunctionMetadata.Read(assembly).Select(f => f.Name).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(published);
        Assert.Equal(declaredInSource, published);
    }
}
