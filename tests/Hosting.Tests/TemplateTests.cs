using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ImageCacheFunctions.Hosting.Tests;

/// <summary>The template folder as faas-cli uses it.</summary>
public sealed partial class TemplateTests
{
    private static readonly string Repository = typeof(TemplateTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private static string Template => Path.Combine(Repository, "template", "csharp-isolated");

    [Fact]
    public void The_skeleton_checksums_match_the_skeleton_files()
    {
        var listed = File.ReadAllLines(Path.Combine(Template, "skeleton.sha256"))
            .Select(l => l.Split("  ", 2))
            .ToDictionary(p => p[1], p => p[0]);

        Assert.NotEmpty(listed);
        foreach (var (file, sum) in listed)
        {
            var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Template, "function", file))));
            Assert.True(sum == actual, $"skeleton.sha256 is stale for {file}: regenerate it with `sha256sum Function.csproj HttpExample.cs` in function/.");
        }
    }

    [Theory]
    [InlineData("registry-webhook", "RegistryWebhook.csproj")]
    [InlineData("reconcile-status", "ReconcileStatus.csproj")]
    [InlineData("prune-expired", "PruneExpired.csproj")]
    public void A_handler_with_its_own_project_is_left_alone_in_function_after_the_prune(string function, string project)
    {
        var context = LayOutBuildContext(Path.Combine(Repository, "functions", function));
        try
        {
            RunPrune(context);

            var files = Directory.GetFiles(Path.Combine(context, "function")).Select(Path.GetFileName).ToList();
            Assert.Equal([project], files.Where(f => f!.EndsWith(".csproj", StringComparison.Ordinal)));
            Assert.DoesNotContain("HttpExample.cs", files);
            Assert.Equal(
                File.ReadAllText(Path.Combine(Repository, "functions", function, "Program.cs")),
                File.ReadAllText(Path.Combine(context, "function", "Program.cs")));
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    [Fact]
    public void A_handler_made_by_faas_cli_new_keeps_the_skeleton()
    {
        var context = LayOutBuildContext(Path.Combine(Template, "function"));
        try
        {
            RunPrune(context);

            var files = Directory.GetFiles(Path.Combine(context, "function")).Select(Path.GetFileName).Order().ToList();
            Assert.Equal(["Function.csproj", "HttpExample.cs", "Program.cs", "host.json"], files);
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    [Fact]
    public void A_handler_named_Function_csproj_with_functions_of_its_own_loses_the_skeleton_example()
    {
        // What `faas-cli new` then a copied Azure app gives: the skeleton's project, the app's own functions.
        using var handler = new TempFolder();
        File.Copy(Path.Combine(Template, "function", "Function.csproj"), Path.Combine(handler.Path, "Function.csproj"));
        File.WriteAllText(Path.Combine(handler.Path, "Hello.cs"), "public static class Hello { [Microsoft.Azure.Functions.Worker.Function(\"Hello\")] public static string Run() => \"hi\"; }");
        var context = LayOutBuildContext(handler.Path);
        try
        {
            RunPrune(context);

            var files = Directory.GetFiles(Path.Combine(context, "function")).Select(Path.GetFileName).Order().ToList();
            Assert.Equal(["Function.csproj", "Hello.cs", "Program.cs", "host.json"], files);
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("hosting-handler-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    [Fact]
    public void The_dockerfile_restores_from_project_files_only_and_cross_builds_for_the_target_platform()
    {
        var lines = File.ReadAllLines(Path.Combine(Template, "Dockerfile"));
        var dotnetLines = lines.Where(l => l.TrimStart().StartsWith("RUN dotnet", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, dotnetLines.Count);
        Assert.Matches(RestoreLine(), dotnetLines[0]);
        Assert.Matches(PublishLine(), dotnetLines[1]);

        // As the official OpenFaaS templates: the SDK stages run on BUILDPLATFORM, the image is TARGETPLATFORM.
        // Stages named by the AOT build argument (sdk-${AOT}, runtime-${AOT}) inherit their image's platform.
        var froms = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        var images = froms.Where(l => l.Contains('/', StringComparison.Ordinal)).ToList();
        Assert.All(images.Where(l => l.Contains("dotnet/sdk", StringComparison.Ordinal)), l => Assert.StartsWith("FROM --platform=${BUILDPLATFORM:-linux/amd64} ", l));
        Assert.All(images.Where(l => !l.Contains("dotnet/sdk", StringComparison.Ordinal)), l => Assert.StartsWith("FROM --platform=${TARGETPLATFORM:-linux/amd64} ", l));
        foreach (var selected in froms.Except(images))
        {
            var stage = selected.Split(' ')[1];
            Assert.Matches(@"^(sdk|runtime)-\$\{AOT\}$", stage);
            Assert.Contains(froms, l => l.EndsWith($" AS {stage.Replace("${AOT}", "false", StringComparison.Ordinal)}", StringComparison.Ordinal));
            Assert.Contains(froms, l => l.EndsWith($" AS {stage.Replace("${AOT}", "true", StringComparison.Ordinal)}", StringComparison.Ordinal));
        }

        // The restore stage sees project and props files only (a source change keeps its layer).
        var restoreStage = string.Join('\n', lines.SkipWhile(l => !l.Contains("AS restore", StringComparison.Ordinal)).TakeWhile(l => !l.Contains("AS build", StringComparison.Ordinal)));
        Assert.DoesNotContain("COPY . .", restoreStage, StringComparison.Ordinal);
        Assert.Contains("COPY --from=projects", restoreStage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the amd64 image", "linux-x64", "", "true")]
    [InlineData("the arm64 image", "linux-arm64", "", "true")]
    [InlineData("no platform (a plain dotnet publish)", "", "", "")]
    [InlineData("NativeAOT", "linux-x64", "true", "")]
    public void A_publish_for_a_platform_is_ReadyToRun_as_in_the_image(string what, string runtime, string aot, string expected)
    {
        // The Dockerfile publishes with `-a $TARGETARCH`, which sets the RuntimeIdentifier; the
        // template's Directory.Build.props then precompiles every assembly (docs/performance.md).
        var context = LayOutBuildContext(Path.Combine(Template, "function"));
        try
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = context, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "msbuild", "function/Function.csproj", "-nologo", "-getProperty:PublishReadyToRun", $"-p:RuntimeIdentifier={runtime}", $"-p:PublishAot={aot}" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, error);
            Assert.True(expected == output, $"{what}: PublishReadyToRun is '{output}', expected '{expected}'");
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    /// <summary>What faas-cli build does: the template, then the handler over function/, then `copy` paths.</summary>
    private static string LayOutBuildContext(string handler)
    {
        var context = Directory.CreateTempSubdirectory("hosting-context-").FullName;
        CopyTree(Template, context);
        CopyTree(handler, Path.Combine(context, "function"));
        return context;
    }

    private static void RunPrune(string context)
    {
        var start = new ProcessStartInfo("sh") { WorkingDirectory = context, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("./prune-skeleton.sh");
        start.ArgumentList.Add("function");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var directory in Directory.GetDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj"))
            {
                CopyTree(directory, Path.Combine(to, name));
            }
        }
    }

    [GeneratedRegex(@"^RUN dotnet restore function/ \$\{TARGETARCH:\+-a \$TARGETARCH\} -p:PublishAot=\$\{AOT\}$")]
    private static partial Regex RestoreLine();

    [GeneratedRegex(@"^RUN dotnet publish function/ -c Release \$\{TARGETARCH:\+-a \$TARGETARCH\} -p:PublishAot=\$\{AOT\} -o /home/app/publish --no-restore$")]
    private static partial Regex PublishLine();
}
