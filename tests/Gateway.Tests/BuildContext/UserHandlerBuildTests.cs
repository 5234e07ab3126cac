using ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

namespace ImageCacheFunctions.LocalGateway.Tests.BuildContext;

/// <summary>
/// A template user's function as `faas-cli new` + their own code makes it, in faas-cli's build
/// context, built by the template Dockerfile's commands for another platform than this machine's.
/// </summary>
[Collection(SlowProcesses.Name)]
public sealed class UserHandlerBuildTests
{
    private static readonly TimeSpan CommandBound = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task A_Function_csproj_handler_with_warnings_and_its_own_versioned_package_cross_builds_for_arm64()
    {
        using var temp = new TempDirectory("user-handler");
        var template = Path.Combine(Repository.Root, "template", "csharp-isolated");
        var context = temp.Combine("build", "user-fn");
        FaasCliBuildContext.Copy(template, context);

        // The handler: the skeleton's Function.csproj with an ordinary versioned PackageReference,
        // its Program.cs, and a function of its own with a compiler warning; no HttpExample.cs.
        var function = Path.Combine(context, "function");
        var project = File.ReadAllText(Path.Combine(template, "function", "Function.csproj")).Replace(
            "  <ItemGroup>\n    <ProjectReference",
            "  <ItemGroup>\n    <PackageReference Include=\"Newtonsoft.Json\" Version=\"13.0.3\" />\n  </ItemGroup>\n\n  <ItemGroup>\n    <ProjectReference",
            StringComparison.Ordinal);
        Assert.Contains("Newtonsoft.Json", project, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(function, "Function.csproj"), project);
        File.WriteAllText(Path.Combine(function, "Hello.cs"), """
            using Microsoft.Azure.Functions.Worker;
            using Microsoft.Azure.Functions.Worker.Http;

            public static class Hello
            {
                [Function("Hello")]
                public static string Run([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequestData req)
                {
                    var unused = 42; // CS0219: a warning, which must not fail the user's build
                    return Newtonsoft.Json.JsonConvert.SerializeObject(new { hello = "world" });
                }
            }
            """);

        var dockerfile = DockerfileBuild.Parse(Path.Combine(context, "Dockerfile"));
        var output = temp.Combine("publish");
        foreach (var command in dockerfile.CommandsPublishingTo(output, targetArchitecture: "arm64"))
        {
            var result = await ShellCommand.RunAsync(command, context, CommandBound);
            Assert.True(result.ExitCode == 0, $"`{command}` failed (exit {result.ExitCode}):{Environment.NewLine}{result.Tail}");
        }

        // The skeleton's example was pruned: only the user's function is published.
        var assembly = Path.Combine(output, dockerfile.ProcessAssembly);
        Assert.Equal(["Hello"], FunctionMetadata.Read(assembly).Select(f => f.Name));
        Assert.True(File.Exists(Path.Combine(output, "Newtonsoft.Json.dll")));

        // The apphost is an ARM64 ELF executable (e_machine 0xB7): built for the image's platform, not this machine's.
        var apphost = await File.ReadAllBytesAsync(Path.Combine(output, Path.GetFileNameWithoutExtension(dockerfile.ProcessAssembly)));
        Assert.Equal("\u007fELF", System.Text.Encoding.ASCII.GetString(apphost, 0, 4));
        Assert.Equal(0xB7, BitConverter.ToUInt16(apphost, 18));
    }
}
