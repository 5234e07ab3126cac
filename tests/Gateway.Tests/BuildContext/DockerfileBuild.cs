using System.Text.RegularExpressions;

namespace ImageCacheFunctions.LocalGateway.Tests.BuildContext;

/// <summary>
/// The shell commands a template Dockerfile runs on the build context: the prune script and the
/// dotnet commands of its build stages, in order, up to and including `dotnet publish` (the
/// stages that only shape Docker's restore cache are left out). Also what the image then runs: the
/// publish output folder the final stage copies, and the dll of `fprocess`.
/// </summary>
internal sealed partial record DockerfileBuild(
    IReadOnlyList<string> Commands,
    string RestoreCommand,
    string PublishCommand,
    string PublishOutput,
    string ProcessAssembly,
    string? NativeProcess)
{
    [GeneratedRegex(@"(?<flag>-o|--output)(?<sep>\s+|=)(?<path>""[^""]+""|\S+)")]
    private static partial Regex OutputOption();

    [GeneratedRegex(@"fprocess=""?dotnet\s+(?<dll>[^""\s]+)")]
    private static partial Regex FunctionProcess();

    // The NativeAOT image's fprocess: the executable itself.
    [GeneratedRegex(@"fprocess=""?\./(?<exe>[^""\s]+)")]
    private static partial Regex NativeFunctionProcess();

    public static DockerfileBuild Parse(string dockerfile)
    {
        var instructions = Instructions(File.ReadAllLines(dockerfile));
        var stages = new List<List<(string Keyword, string Arguments)>>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM" || stages.Count == 0)
            {
                stages.Add([]);
            }

            stages[^1].Add(instruction);
        }

        var publishing = stages.FindIndex(s => s.Any(i => IsDotnet(i, "publish")));
        if (publishing < 0)
        {
            throw new InvalidOperationException($"{dockerfile}: no stage runs `dotnet publish`");
        }

        if (!stages[publishing].Any(i => i.Keyword == "COPY" && Regex.IsMatch(i.Arguments, @"^\.\s+\S+$")))
        {
            throw new InvalidOperationException($"{dockerfile}: the publishing stage has no `COPY . <workdir>`");
        }

        // The build stages' own commands (prune, restore, publish), in order, as they would run on the
        // context; file shuffling that only serves Docker's layer cache (find/cp) is left out.
        var commands = new List<string>();
        string? restore = null;
        string? publish = null;
        foreach (var instruction in stages.Take(publishing + 1).SelectMany(s => s).Where(i => i.Keyword == "RUN"))
        {
            if (!instruction.Arguments.StartsWith("sh ", StringComparison.Ordinal) && !instruction.Arguments.StartsWith("dotnet ", StringComparison.Ordinal))
            {
                continue;
            }

            commands.Add(instruction.Arguments);
            restore ??= IsDotnet(instruction, "restore") ? instruction.Arguments : null;
            if (IsDotnet(instruction, "publish"))
            {
                publish = commands[^1];
                break;
            }
        }

        var output = OutputOption().Match(publish!);
        if (!output.Success)
        {
            throw new InvalidOperationException($"{dockerfile}: `dotnet publish` has no -o");
        }

        var text = File.ReadAllText(dockerfile);
        var fprocess = FunctionProcess().Match(text);
        var native = NativeFunctionProcess().Match(text);
        return new DockerfileBuild(
            commands,
            restore ?? throw new InvalidOperationException($"{dockerfile}: no `RUN dotnet restore` before the publish"),
            publish!,
            output.Groups["path"].Value.Trim('"'),
            fprocess.Success ? fprocess.Groups["dll"].Value : throw new InvalidOperationException($"{dockerfile}: no fprocess=\"dotnet <dll>\""),
            native.Success ? native.Groups["exe"].Value : null);
    }

    // ${TARGETARCH:+-a $TARGETARCH}: "-a <arch>" when Docker builds for a target platform, empty otherwise.
    [GeneratedRegex(@"\$\{TARGETARCH:\+[^}]*\}")]
    private static partial Regex BuildArguments();

    /// <summary>The commands with the publish output moved from the image's folder to <paramref name="output"/>.</summary>
    /// <param name="output">Where the publish goes instead of the image's folder.</param>
    /// <param name="targetArchitecture">Docker's TARGETARCH (amd64, arm64); null for a build without a target platform.</param>
    /// <param name="aot">The Dockerfile's AOT build argument (its default is false).</param>
    public IEnumerable<string> CommandsPublishingTo(string output, string? targetArchitecture = null, bool aot = false) => Commands.Select(c =>
        BuildArguments().Replace(
            c == PublishCommand ? OutputOption().Replace(c, m => $"{m.Groups["flag"].Value} \"{output}\"", 1) : c,
            targetArchitecture is null ? string.Empty : $"-a {targetArchitecture}")
        .Replace("${AOT}", aot ? "true" : "false", StringComparison.Ordinal));

    /// <summary>Whether a later stage copies the publish output (COPY --from=&lt;stage&gt; &lt;output&gt; …).</summary>
    public static bool ShipsFolder(string dockerfile, string folder) =>
        Instructions(File.ReadAllLines(dockerfile)).Any(i =>
            i.Keyword == "COPY" && i.Arguments.StartsWith("--from=", StringComparison.Ordinal)
            && i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault()?.TrimEnd('/') == folder.TrimEnd('/'));

    private static bool IsDotnet((string Keyword, string Arguments) instruction, string verb) =>
        instruction.Keyword == "RUN" && Regex.IsMatch(instruction.Arguments, $@"(^|&&\s*|;\s*)dotnet\s+{verb}\b");

    private static List<(string Keyword, string Arguments)> Instructions(string[] lines)
    {
        var instructions = new List<(string, string)>();
        var current = string.Empty;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (current.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            current += line;
            var space = current.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add(space < 0
                ? (current.ToUpperInvariant(), string.Empty)
                : (current[..space].ToUpperInvariant(), current[(space + 1)..].Trim()));
            current = string.Empty;
        }

        return instructions;
    }
}
