using System.CommandLine;
using System.CommandLine.Parsing;
using ImageCacheFunctions.LocalGateway.Bench;
using ImageCacheFunctions.LocalGateway.Functions;
using ImageCacheFunctions.LocalGateway.Hosting;

namespace ImageCacheFunctions.LocalGateway.CommandLine;

/// <summary>
/// `LocalGateway [options]` runs the gateway; `LocalGateway bench [options]` measures it.
/// A bad option prints what is wrong and exits non-zero before anything starts.
/// </summary>
internal static class GatewayCommandLine
{
    public static RootCommand Create()
    {
        var stack = new Option<FileInfo?>("--stack", "-f")
        {
            Description = "stack.yml to run (default: ./stack.yml, else the nearest one in a parent folder)",
            HelpName = "file",
        };
        var stateDir = new Option<DirectoryInfo?>("--state-dir")
        {
            Description = "where builds, secrets, kubeconfig and emulator state go (default: .local/ beside stack.yml)",
            HelpName = "dir",
        };
        var port = BoundedInteger.Create("--port", "gateway port on 127.0.0.1; 0 picks a free one", GatewaySettings.DefaultPort, 0, 65535, "-p");
        var kubeconfig = new Option<FileInfo?>("--kubeconfig")
        {
            Description = "use this real cluster instead of the embedded Kubernetes API emulator",
            HelpName = "path",
        };
        kubeconfig.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<FileInfo?>() is { Exists: false } file)
            {
                r.AddError($"--kubeconfig: file not found: {file.FullName}");
            }
        });
        var eciEndpoint = new Option<string?>("--eci-endpoint")
        {
            Description = "use this real ECI OpenAPI endpoint (e.g. https://eci.cn-hangzhou.aliyuncs.com) instead of the embedded emulator; credentials come from your environment",
            HelpName = "url",
        };
        eciEndpoint.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && ParseEndpoint(text) is null)
            {
                r.AddError($"--eci-endpoint must be an absolute http(s) URL, got '{text}'");
            }
        });
        var eciRegion = new Option<string>("--eci-region")
        {
            Description = "ECI region id given to the functions",
            DefaultValueFactory = _ => GatewaySettings.DefaultEciRegion,
        };
        eciRegion.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string>();
            if (string.IsNullOrWhiteSpace(value) || !value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                r.AddError($"--eci-region must look like cn-hangzhou, got '{value}'");
            }
        });
        var noCron = new Option<bool>("--no-cron") { Description = "do not fire the stack.yml cron schedules" };
        var functions = new Option<string?>("--functions")
        {
            Description = "run only these functions (comma-separated names from stack.yml)",
            HelpName = "a,b",
        };

        var logFormat = new Option<LogFormat>("--log-format")
        {
            Description = "how function log lines are printed: text (for a person) or json (as the function writes them)",
            DefaultValueFactory = _ => LogFormat.Text,
        };

        var root = new RootCommand("ImageCache Functions local gateway: every stack.yml function behind an OpenFaaS-like gateway, with embedded Kubernetes and ECI emulators.")
        {
            stack, stateDir, port, kubeconfig, eciEndpoint, eciRegion, noCron, functions, logFormat,
        };
        root.SetAction((result, cancellationToken) =>
        {
            var settings = new GatewaySettings(
                result.GetValue(port),
                ResolveStack(result.GetValue(stack)),
                string.Empty,
                result.GetValue(kubeconfig)?.FullName,
                result.GetValue(eciEndpoint) is { } endpoint ? ParseEndpoint(endpoint) : null,
                result.GetValue(eciRegion) ?? GatewaySettings.DefaultEciRegion,
                !result.GetValue(noCron),
                result.GetValue(functions) is { } list
                    ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : null,
                result.GetValue(logFormat));
            settings = settings with { StateDirectory = ResolveStateDirectory(result.GetValue(stateDir), settings.StackFile) };
            return GatewayRunner.RunAsync(settings, cancellationToken);
        });

        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }

    public static Task<int> InvokeAsync(string[] args)
    {
        var root = Create();
        var parse = root.Parse(args);
        return parse.InvokeAsync(new InvocationConfiguration
        {
            // The gateway handles SIGINT/SIGTERM itself: it must stop its children before exiting.
            ProcessTerminationTimeout = null,
        });
    }

    internal static Uri? ParseEndpoint(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.Query)
            ? uri
            : null;

    internal static string ResolveStack(FileInfo? stack)
    {
        if (stack is not null)
        {
            return stack.FullName;
        }

        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "stack.yml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.GetFullPath("stack.yml");
    }

    internal static string ResolveStateDirectory(DirectoryInfo? stateDirectory, string stackFile) =>
        stateDirectory?.FullName ?? Path.Combine(Path.GetDirectoryName(stackFile)!, ".local");
}
