using ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

namespace ImageCacheFunctions.LocalGateway.Tests.FirstRun;

/// <summary>
/// README's second command, `bash tools/test.sh`, on a machine without the Debian tools: run with
/// `--setup-only` and a PATH holding only a stand-in apt-get that records its calls and "installs"
/// a package by creating its command, so the install branch runs here without touching the
/// machine's packages.
/// </summary>
public sealed class TestScriptSetupTests : IDisposable
{
    private static readonly string[] Packages = ["docker-registry", "skopeo", "umoci", "kubectl", "gcc", "libc6-dev"];
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);

    private readonly TempDirectory _bin = new("fake-apt");

    public void Dispose() => _bin.Dispose();

    private string Log => _bin.Combine("apt-get.log");

    private void FakeAptGet(bool failInstall = false) => _bin.WriteFile("apt-get", $$"""
        #!/bin/bash
        echo "$* DEBIAN_FRONTEND=$DEBIAN_FRONTEND" >> '{{Log}}'
        [ "$1" = install ] || exit 0
        {{(failInstall ? "exit 100" : string.Empty)}}
        for a in "$@"; do
          case $a in -*|install) ;; *) printf '#!/bin/bash\n' > '{{_bin.Path}}'/$a; /bin/chmod +x '{{_bin.Path}}'/$a ;; esac
        done
        """);

    private async Task<ShellCommand.Result> RunSetupAsync()
    {
        // Not root: the script goes through sudo, which this stand-in lets through.
        _bin.WriteFile("sudo", "#!/bin/bash\nwhile [[ $1 == --* ]]; do shift; done\nexec \"$@\"\n");
        await ShellCommand.RunAsync("/bin/chmod +x apt-get sudo", _bin.Path, Bound);
        return await ShellCommand.RunAsync(
            $"PATH='{_bin.Path}' /bin/bash '{Path.Combine(Repository.Root, "tools", "test.sh")}' --setup-only", _bin.Path, Bound);
    }

    private string[] AptCalls() => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    [Fact]
    public async Task Installs_every_missing_tool_noninteractively_with_one_update()
    {
        FakeAptGet();

        var result = await RunSetupAsync();

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(
            ["update -qq DEBIAN_FRONTEND=noninteractive", $"install -y -qq --no-install-recommends {string.Join(' ', Packages)} DEBIAN_FRONTEND=noninteractive"],
            AptCalls());
        Assert.All(Packages, p => Assert.True(File.Exists(_bin.Combine(p)), $"{p} was not installed"));
    }

    [Fact]
    public async Task Installs_only_what_is_missing_and_nothing_when_all_is_there()
    {
        FakeAptGet();
        _bin.WriteFile("skopeo", "#!/bin/bash\n");
        _bin.WriteFile("kubectl", "#!/bin/bash\n");
        await ShellCommand.RunAsync($"/bin/chmod +x skopeo kubectl", _bin.Path, Bound);

        var first = await RunSetupAsync();
        var second = await RunSetupAsync();

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal(
            ["update -qq DEBIAN_FRONTEND=noninteractive", "install -y -qq --no-install-recommends docker-registry umoci gcc libc6-dev DEBIAN_FRONTEND=noninteractive"],
            AptCalls());
    }

    [Fact]
    public async Task A_clang_on_the_path_is_linker_enough_for_NativeAOT_so_gcc_is_not_installed()
    {
        // Microsoft.NETCore.Native.Unix.targets probes clang first and falls back to gcc.
        FakeAptGet();
        _bin.WriteFile("clang", "#!/bin/bash\n");
        await ShellCommand.RunAsync("/bin/chmod +x clang", _bin.Path, Bound);

        var result = await RunSetupAsync();

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(
            ["update -qq DEBIAN_FRONTEND=noninteractive", "install -y -qq --no-install-recommends docker-registry skopeo umoci kubectl DEBIAN_FRONTEND=noninteractive"],
            AptCalls());
    }

    [Fact]
    public async Task A_failed_install_stops_with_the_packages_named()
    {
        FakeAptGet(failInstall: true);

        var result = await RunSetupAsync();

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"apt-get install {string.Join(' ', Packages)} failed", result.Output, StringComparison.Ordinal);
    }
}
