using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenFaaS.Functions.Worker.Generators;
using OpenFaaS.Functions.Worker.Hosting;
using OpenFaaS.Functions.Worker.Metadata;

namespace ImageCacheFunctions.Hosting.Tests;

/// <summary>
/// The template's source generator on function code the way the compiler runs it: what it
/// describes of each [Function] method (what reflection used to find) and that its typed calls
/// bind and await as the host expects. The code is compiled and loaded here, so the generated
/// entries are the ones the host reads at run time.
/// </summary>
public sealed class FunctionGeneratorTests
{
    private const string Functions = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.Azure.Functions.Worker;
        using Microsoft.Azure.Functions.Worker.Http;

        namespace Generated.Sample;

        public enum Size { Small, Large }

        public static class Routes
        {
            [Function("typed")]
            public static string Typed([HttpTrigger(AuthorizationLevel.Function, "get", Route = "items/{id:int}")] HttpRequestData req, int id, Size size = Size.Large, Guid? tag = null)
                => $"{id}/{size}/{tag?.ToString() ?? "none"}";

            [Function("async-value")]
            public static async ValueTask<int> AsyncValue([HttpTrigger(AuthorizationLevel.Anonymous)] HttpRequestData req)
            {
                await Task.Yield();
                return 7;
            }

            [Function("generic")]
            public static void Generic<T>([HttpTrigger(AuthorizationLevel.Anonymous)] HttpRequestData req) { }

            // Not public: reflection discovery never saw it, nor does the generator.
            [Function("internal")]
            internal static void Internal([HttpTrigger(AuthorizationLevel.Anonymous)] HttpRequestData req) { }
        }

        public abstract class Base
        {
            [Function("abstract-instance")]
            public string Run([HttpTrigger(AuthorizationLevel.Anonymous)] HttpRequestData req) => "";
        }

        public class Outer
        {
            private sealed class Hidden
            {
                [Function("hidden")]
                public static string Run([HttpTrigger(AuthorizationLevel.Anonymous)] HttpRequestData req) => "";
            }
        }

        public sealed class Tally
        {
            public int Runs { get; set; }
        }

        public sealed class Counter(Tally tally)
        {
            [Function("instance")]
            [FixedDelayRetry(3, "00:00:05")]
            public async Task<Reply> Run([TimerTrigger("0 */5 * * * *")] TimerInfo timer)
            {
                await Task.Yield();
                tally.Runs++;
                return new Reply { Message = $"run {tally.Runs}" };
            }
        }

        public sealed class Reply
        {
            [HttpResult]
            public HttpResponseData? Response { get; set; }

            [QueueOutput("replies", Connection = "Storage")]
            public string? Message { get; set; }

            public string? Ignored { get; set; }
        }
        """;

    private static readonly Lazy<(Assembly Assembly, IReadOnlyList<GeneratedFunction> Functions)> Compiled = new(Compile);

    [Fact]
    public void Every_public_function_method_is_described_and_nothing_else()
    {
        Assert.Equal(["abstract-instance", "async-value", "generic", "hidden", "instance", "typed"], Compiled.Value.Functions.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Generated.Sample.Routes.Typed", Function("typed").EntryPoint);
        Assert.Equal("Generated.Sample.Outer+Hidden.Run", Function("hidden").EntryPoint);
    }

    [Fact]
    public void Methods_the_host_cannot_call_carry_the_reason_and_fail_the_start_naming_the_function()
    {
        Assert.Equal("is generic", Function("generic").Problem);
        Assert.Equal("is an instance method of an abstract class", Function("abstract-instance").Problem);
        Assert.Contains("private or protected class", Function("hidden").Problem, StringComparison.Ordinal);
        Assert.Null(Function("typed").Problem);

        using var services = new ServiceCollection().AddOptions().Configure<FunctionsHostOptions>(o => o.FunctionAssemblies.Add(Compiled.Value.Assembly)).BuildServiceProvider();
        var catalog = new FunctionCatalog(services.GetRequiredService<IOptions<FunctionsHostOptions>>());
        var failure = Assert.Throws<FunctionsStartupException>(() => catalog.Functions);
        Assert.Equal("function 'abstract-instance' (Generated.Sample.Base.Run) is an instance method of an abstract class.", failure.Message);
    }

    [Fact]
    public async Task Route_values_parse_to_the_parameter_types_and_defaults_are_the_declared_ones()
    {
        var typed = Function("typed");
        var trigger = Assert.IsType<HttpTriggerAttribute>(Assert.Single(typed.Parameters[0].Attributes));
        Assert.Equal((AuthorizationLevel.Function, "items/{id:int}"), (trigger.AuthLevel, trigger.Route));
        Assert.Equal(["get"], trigger.Methods!);

        var (id, size, tag) = (typed.Parameters[1], typed.Parameters[2], typed.Parameters[3]);
        Assert.Equal(42, id.Parse!("42"));
        Assert.Throws<FormatException>(() => id.Parse!("forty-two"));
        Assert.False(id.HasDefaultValue);
        Assert.Equal(0, id.DefaultValue);
        Assert.Equal("Small", size.Parse!("small")!.ToString());
        Assert.True(size.HasDefaultValue);
        Assert.Equal("Large", size.DefaultValue!.ToString());
        var guid = Guid.NewGuid();
        Assert.Equal(guid, tag.Parse!(guid.ToString()));
        Assert.Null(tag.DefaultValue);
        Assert.Null(typed.Parameters[0].Parse);

        // The typed call, with the arguments as the executor binds them.
        Assert.Equal("42/Large/none", await typed.Invoke!(null, [null, 42, size.DefaultValue, null]));
        Assert.Equal(typeof(string), typed.ReturnType);
        Assert.Equal(7, await Function("async-value").Invoke!(null, [null]));
    }

    [Fact]
    public async Task An_instance_function_is_created_from_the_services_and_its_multi_output_properties_are_read_typed()
    {
        var instance = Function("instance");
        Assert.IsType<TimerTriggerAttribute>(Assert.Single(instance.Parameters[0].Attributes));
        var retry = Assert.IsType<FixedDelayRetryAttribute>(Assert.Single(instance.Attributes));
        Assert.Equal((3, "00:00:05"), (retry.MaxRetryCount, retry.DelayInterval));

        var tallyType = Compiled.Value.Assembly.GetType("Generated.Sample.Tally")!;
        var tally = Activator.CreateInstance(tallyType)!;
        using var services = new ServiceCollection().AddSingleton(tallyType, tally).BuildServiceProvider();
        var created = instance.Create!(services);
        var reply = await instance.Invoke!(created, [null]);
        Assert.NotNull(reply);

        Assert.Equal("Generated.Sample.Reply", instance.ReturnType.FullName);
        Assert.Equal(["Response", "Message"], instance.ReturnProperties.Select(p => p.Name));
        Assert.IsType<HttpResultAttribute>(instance.ReturnProperties[0].Attribute);
        var queue = Assert.IsType<QueueOutputAttribute>(instance.ReturnProperties[1].Attribute);
        Assert.Equal(("replies", "Storage"), (queue.QueueName, queue.Connection));
        Assert.Equal("run 1", instance.ReturnProperties[1].Get(reply));
    }

    private static GeneratedFunction Function(string name) => Compiled.Value.Functions.Single(f => f.Name == name);

    private static (Assembly, IReadOnlyList<GeneratedFunction>) Compile()
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "Generated.Sample",
            [CSharpSyntaxTree.ParseText(Functions, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create(new FunctionsGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorErrors);
        Assert.Empty(generatorErrors);

        using var image = new MemoryStream();
        var emitted = generated.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var assembly = Assembly.Load(image.ToArray());
        return (assembly, GeneratedFunctions.Of(assembly) ?? throw new InvalidOperationException("the compiled sample registered no functions"));
    }
}
