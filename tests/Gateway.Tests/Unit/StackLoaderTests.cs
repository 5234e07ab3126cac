using ImageCacheFunctions.LocalGateway.Stack;
using ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

namespace ImageCacheFunctions.LocalGateway.Tests.Unit;

public sealed class StackLoaderTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Substitutes_variables_like_faas_cli_before_parsing()
    {
        var path = _directory.WriteFile("stack.yml", """
            version: 1.0
            functions:
              fn:
                lang: csharp-isolated
                handler: ./fn
                image: ${PREFIX:-ghcr.io/acme}/fn:${TAG:-0.1.0}
                environment:
                  Region: ${REGION-cn-shanghai}
                  Empty: ${EMPTY:-fallback}
                  Plain: ${PLAIN}
                  Missing: ${MISSING}
            """);
        var variables = new Dictionary<string, string> { ["TAG"] = "1.2.3", ["EMPTY"] = "", ["PLAIN"] = "p" };

        var stack = StackLoader.Load(path, variables.GetValueOrDefault);

        var function = Assert.Single(stack.Functions);
        Assert.Equal("ghcr.io/acme/fn:1.2.3", function.Image);
        Assert.Equal("cn-shanghai", function.Environment["Region"]);
        Assert.Equal("fallback", function.Environment["Empty"]);
        Assert.Equal("p", function.Environment["Plain"]);
        Assert.Equal(string.Empty, function.Environment["Missing"]);
        Assert.Equal(Path.Combine(_directory.Path, "fn"), function.HandlerDirectory);
    }

    [Fact]
    public void Reads_the_schedule_only_for_functions_on_the_cron_topic()
    {
        var path = _directory.WriteFile("stack.yml", """
            functions:
              scheduled:
                lang: csharp-isolated
                handler: ./a
                annotations:
                  topic: other-topic,cron-function
                  schedule: "0 * * * *"
              not-subscribed:
                lang: csharp-isolated
                handler: ./b
                annotations:
                  schedule: "0 * * * *"
              plain:
                lang: csharp-isolated
                handler: ./c
            """);

        var stack = StackLoader.Load(path, _ => null);

        Assert.Equal(["scheduled", "not-subscribed", "plain"], stack.Functions.Select(f => f.Name));
        Assert.Equal("0 * * * *", stack.Find("scheduled")!.Schedule);
        Assert.Null(stack.Find("not-subscribed")!.Schedule);
        Assert.Null(stack.Find("plain")!.Schedule);
    }

    [Fact]
    public void Merges_environment_files_under_the_inline_environment()
    {
        _directory.WriteFile("env.yml", """
            environment:
              FromFile: file
              Both: file
            """);
        var path = _directory.WriteFile("stack.yml", """
            functions:
              fn:
                lang: csharp-isolated
                handler: ./fn
                environment_file:
                  - env.yml
                environment:
                  Both: inline
            """);

        var environment = StackLoader.Load(path, _ => null).Functions[0].Environment;

        Assert.Equal("file", environment["FromFile"]);
        Assert.Equal("inline", environment["Both"]);
    }

    [Theory]
    [InlineData("functions:\n  Bad_Name:\n    lang: x\n    handler: ./x\n", "lower-case")]
    [InlineData("functions:\n  fn:\n    handler: ./x\n", "`lang` is missing")]
    [InlineData("functions:\n  fn:\n    lang: x\n", "`handler` is missing")]
    [InlineData("version: 1.0\n", "no functions")]
    [InlineData("functions:\n  fn: [unclosed\n", "stack.yml:")]
    public void Rejects_a_broken_stack_file_with_a_message_that_says_what_is_wrong(string yaml, string expected)
    {
        var path = _directory.WriteFile("stack.yml", yaml);

        var error = Assert.Throws<StackFileException>(() => StackLoader.Load(path, _ => null));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_missing_stack_file()
    {
        var error = Assert.Throws<StackFileException>(() => StackLoader.Load(_directory.Combine("absent.yml")));

        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_repository_stack_names_a_template_and_a_project_for_every_function()
    {
        var stack = StackLoader.Load(Repository.StackFile);

        Assert.NotEmpty(stack.Functions);
        Assert.Contains("./shared", stack.CopyPaths);
        foreach (var function in stack.Functions)
        {
            Assert.True(Directory.Exists(Path.Combine(Repository.Root, "template", function.Language)), $"{function.Name}: no template/{function.Language}");
            Assert.Single(Directory.GetFiles(function.HandlerDirectory, "*.csproj"));
            Assert.False(string.IsNullOrWhiteSpace(function.Image));
        }
    }
}
