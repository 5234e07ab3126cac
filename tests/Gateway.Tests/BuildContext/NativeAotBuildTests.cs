using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

namespace ImageCacheFunctions.LocalGateway.Tests.BuildContext;

/// <summary>
/// `faas-cli build --build-arg AOT=true` of the template's skeleton, without Docker: the
/// Dockerfile's commands with AOT=true publish a native executable, free of trimming and AOT
/// warnings, that answers the skeleton's function as the JIT build does. One NativeAOT publish
/// (about a minute on two cores), so one test.
/// </summary>
[Collection(SlowProcesses.Name)]
public sealed class NativeAotBuildTests
{
    private static readonly TimeSpan CommandBound = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task The_AOT_build_argument_publishes_the_skeleton_as_a_native_executable_that_answers_its_function()
    {
        using var temp = new TempDirectory("aot-build");
        var context = temp.Combine("build", "hello-aot");
        FaasCliBuildContext.Copy(Path.Combine(Repository.Root, "template", "csharp-isolated"), context);

        var dockerfile = DockerfileBuild.Parse(Path.Combine(context, "Dockerfile"));
        Assert.Equal("function", dockerfile.NativeProcess);
        var output = temp.Combine("publish");
        var log = new List<string>();
        foreach (var command in dockerfile.CommandsPublishingTo(output, ThisArchitecture(), aot: true))
        {
            var result = await ShellCommand.RunAsync(command, context, CommandBound);
            Assert.True(result.ExitCode == 0, $"`{command}` failed (exit {result.ExitCode}):{Environment.NewLine}{result.Tail}");
            log.AddRange(result.Output.Split('\n'));
        }

        // No trimming (IL2xxx) or AOT (IL3xxx) warning, from the host, the skeleton or a package.
        Assert.Empty(log.Where(l => l.Contains("warning IL", StringComparison.Ordinal)).Distinct());

        // A native executable: no function.dll to run with `dotnet`.
        var executable = Path.Combine(output, dockerfile.NativeProcess!);
        Assert.False(File.Exists(Path.Combine(output, dockerfile.ProcessAssembly)));
        var header = new byte[4];
        await using (var file = File.OpenRead(executable))
        {
            await file.ReadExactlyAsync(header);
        }

        Assert.Equal("\u007fELF", System.Text.Encoding.ASCII.GetString(header));

        // It starts as the image would start it and answers the skeleton's HttpExample.
        var port = FreePort();
        var start = new ProcessStartInfo(executable) { WorkingDirectory = output, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_TIMER_MODE"] = "connector";
        using var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            Assert.True(await Eventually.TrueAsync(() => Ready(client), TimeSpan.FromSeconds(30)), "the native function never answered /_/ready");

            var response = await client.GetAsync("/api/HttpExample");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("Welcome to Azure Functions on OpenFaaS!", body.RootElement.GetProperty("message").GetString());
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    private static bool Ready(HttpClient client)
    {
        try
        {
            return client.GetAsync("/_/ready").GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Docker's TARGETARCH of this machine: NativeAOT publishes for the build machine's architecture.</summary>
    private static string ThisArchitecture() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        var other => throw new PlatformNotSupportedException($"no Docker TARGETARCH for {other}"),
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
