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
            Assert.Equal(["Function.csproj", "HttpExample.cs", "Program.cs"], files);
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    [Fact]
    public void The_dockerfile_has_one_restore_and_one_publish_of_function()
    {
        var dotnetLines = File.ReadAllLines(Path.Combine(Template, "Dockerfile"))
            .Where(l => l.TrimStart().StartsWith("RUN dotnet", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(2, dotnetLines.Count);
        Assert.Matches(RestoreLine(), dotnetLines[0]);
        Assert.Matches(PublishLine(), dotnetLines[1]);
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

    [GeneratedRegex(@"^RUN dotnet restore function/(\S*)$")]
    private static partial Regex RestoreLine();

    [GeneratedRegex(@"^RUN dotnet publish function/(\S*) -c Release -o /home/app/publish --no-restore$")]
    private static partial Regex PublishLine();
}
