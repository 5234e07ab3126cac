using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenFaaS.Functions.Worker.Hosting;

namespace OpenFaaS.Functions.Worker.Metadata;

/// <summary>
/// The functions of this process: every public method carrying <c>[Function("name")]</c> in the
/// function assemblies, as the template's source generator described them at build time
/// (<see cref="GeneratedFunctions"/>), checked once at start-up so that an unsupported binding fails the start
/// with a message naming the function instead of failing its first call.
/// </summary>
internal sealed class FunctionCatalog
{
    private readonly Lazy<IReadOnlyList<FunctionEntry>> _functions;

    public FunctionCatalog(IOptions<FunctionsHostOptions> options)
    {
        _functions = new Lazy<IReadOnlyList<FunctionEntry>>(() => Discover(Assemblies(options.Value), _warnings));
    }

    /// <exception cref="FunctionsStartupException">A function cannot be hosted.</exception>
    public IReadOnlyList<FunctionEntry> Functions => _functions.Value;

    public IEnumerable<FunctionEntry> HttpFunctions => Functions.Where(f => f.HttpTrigger is not null);

    public IEnumerable<FunctionEntry> TimerFunctions => Functions.Where(f => f.TimerTrigger is not null);

    /// <summary>
    /// What the host leaves out, one line per function: functions it cannot run (another trigger,
    /// an input binding) and output bindings whose values it drops (a queue message beside the
    /// HTTP response). Logged once as warnings at start-up; the rest of the app runs.
    /// </summary>
    public IReadOnlyList<(string Function, string Problem)> Warnings
    {
        get
        {
            _ = Functions;
            return _warnings;
        }
    }

    private readonly List<(string Function, string Problem)> _warnings = [];

    private static IReadOnlyList<Assembly> Assemblies(FunctionsHostOptions options)
    {
        if (options.FunctionAssemblies.Count > 0)
        {
            return [.. options.FunctionAssemblies];
        }

        return Assembly.GetEntryAssembly() is { } entry
            ? [entry]
            : throw new FunctionsStartupException("no entry assembly to search for [Function] methods; set FunctionsHostOptions.FunctionAssemblies.");
    }

    private static List<FunctionEntry> Discover(IReadOnlyList<Assembly> assemblies, List<(string Function, string Problem)> warnings)
    {
        var entries = new List<FunctionEntry>();
        foreach (var assembly in assemblies)
        {
            var functions = GeneratedFunctions.Of(assembly)
                ?? throw new FunctionsStartupException($"assembly '{assembly.GetName().Name}' was built without the template's function generator (OpenFaaS.Functions.Worker.Generators, which the template's Directory.Build.props adds to every project): its [Function] methods cannot be found.");
            // Where Azure's worker says the function's code is (under NativeAOT the file is the executable).
            var path = Path.Combine(AppContext.BaseDirectory, assembly.GetName().Name + ".dll");
            foreach (var function in functions)
            {
                try
                {
                    var entry = Describe(function, path);
                    entries.Add(entry);
                    if (entry.DroppedOutputs.Count > 0)
                    {
                        warnings.Add((entry.Name, $"runs, but its output binding(s) {string.Join(", ", entry.DroppedOutputs)} have no OpenFaaS counterpart: their values are dropped"));
                    }
                }
                catch (UnsupportedBindingException e)
                {
                    warnings.Add((function.Name, $"is not served: it {e.Message}"));
                }
            }
        }

        foreach (var duplicate in entries.GroupBy(e => e.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            throw new FunctionsStartupException(
                $"function name '{duplicate.Key}' is used by {string.Join(" and ", duplicate.Select(e => e.EntryPoint))}.");
        }

        return entries;
    }

    private static FunctionEntry Describe(GeneratedFunction method, string path)
    {
        var name = method.Name;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw Unsupported(name, method, "has an empty [Function] name");
        }

        if (method.Problem is not null || method.Invoke is null)
        {
            throw Unsupported(name, method, method.Problem ?? "cannot be called");
        }

        var dropped = method.Attributes.OfType<OutputBindingAttribute>()
            .Where(a => a is not HttpResultAttribute)
            .Select(a => $"[{Short(a)}] on the return value")
            .ToList();

        HttpTriggerAttribute? http = null;
        TimerTriggerAttribute? timer = null;
        var bindings = new List<FunctionParameterBinding>();
        foreach (var parameter in method.Parameters)
        {
            var source = SourceOf(name, method, parameter, ref http, ref timer);
            bindings.Add(new FunctionParameterBinding(parameter, source));
        }

        if (http is null && timer is null)
        {
            throw new UnsupportedBindingException("has no [HttpTrigger] or [TimerTrigger] parameter (other triggers have no OpenFaaS counterpart)");
        }

        if (http is not null && http.AuthLevel == AuthorizationLevel.User)
        {
            throw Unsupported(name, method, "uses AuthorizationLevel.User (App Service authentication), which OpenFaaS does not have");
        }

        var outputs = OutputsOf(method, dropped);
        return new FunctionEntry(method, path, http, timer, bindings, outputs.Return, outputs.Properties, dropped);
    }

    private static ParameterSource SourceOf(string name, GeneratedFunction method, GeneratedParameter parameter, ref HttpTriggerAttribute? http, ref TimerTriggerAttribute? timer)
    {
        var type = parameter.Type;
        var binding = parameter.Attributes.OfType<BindingAttribute>().FirstOrDefault();
        switch (binding)
        {
            case HttpTriggerAttribute trigger when type == typeof(HttpRequestData):
                EnsureSingleTrigger(name, method, http, timer);
                http = trigger;
                return ParameterSource.HttpRequest;
            case HttpTriggerAttribute trigger when type == typeof(Microsoft.AspNetCore.Http.HttpRequest):
                EnsureSingleTrigger(name, method, http, timer);
                http = trigger;
                return ParameterSource.AspNetCoreRequest;
            case HttpTriggerAttribute trigger:
                // A POCO (or string) trigger parameter: the request body, as Azure converts it.
                EnsureSingleTrigger(name, method, http, timer);
                http = trigger;
                return ParameterSource.Body;
            case TimerTriggerAttribute trigger when type == typeof(TimerInfo):
                EnsureSingleTrigger(name, method, http, timer);
                timer = trigger;
                return ParameterSource.TimerInfo;
            case TimerTriggerAttribute:
                throw Unsupported(name, method, $"binds [TimerTrigger] to {type.Name} '{parameter.Name}'; use TimerInfo");
            case not null:
                throw new UnsupportedBindingException($"binds parameter '{parameter.Name}' with [{Short(binding)}], which has no OpenFaaS counterpart");
        }

        if (parameter.Attributes.OfType<FromBodyAttribute>().Any())
        {
            return ParameterSource.Body;
        }

        if (type == typeof(FunctionContext))
        {
            return ParameterSource.FunctionContext;
        }

        if (type == typeof(CancellationToken))
        {
            return ParameterSource.CancellationToken;
        }

        if (type == typeof(ILogger))
        {
            return ParameterSource.Logger;
        }

        if (type == typeof(Microsoft.AspNetCore.Http.HttpContext))
        {
            return ParameterSource.AspNetCoreContext;
        }

        // The generator gives a parser to the types a route or query string value converts to.
        if (parameter.Parse is not null)
        {
            return ParameterSource.BindingData;
        }

        throw Unsupported(name, method, $"has parameter '{parameter.Name}' of type {type.Name}, which is neither a trigger, FunctionContext, CancellationToken, ILogger, [FromBody] nor a route or query value");
    }

    /// <summary>
    /// The outputs as the Worker SDK derives them: a return type whose public properties carry
    /// output binding attributes, or are an HttpResponseData, is a multi-output type (each
    /// property is a binding of its own name); anything else is the "$return" binding.
    /// </summary>
    private static (bool? Return, IReadOnlyList<OutputProperty> Properties) OutputsOf(GeneratedFunction method, List<string> dropped)
    {
        var type = method.ReturnType;
        if (type == typeof(void))
        {
            return (null, []);
        }

        if (type == typeof(string) || typeof(HttpResponseData).IsAssignableFrom(type) || type.IsPrimitive || type == typeof(object) || type.IsInterface)
        {
            return (true, []);
        }

        var properties = new List<OutputProperty>();
        foreach (var property in method.ReturnProperties)
        {
            var attribute = property.Attribute as OutputBindingAttribute;
            if (attribute is HttpResultAttribute || (attribute is null && typeof(HttpResponseData).IsAssignableFrom(property.Type)))
            {
                properties.Add(new OutputProperty(property, "http"));
            }
            else if (attribute is not null)
            {
                properties.Add(new OutputProperty(property, BindingTypeOf(attribute)));
                dropped.Add($"[{Short(attribute)}] {property.Name}");
            }
        }

        return properties.Count > 0 ? (null, properties) : (true, []);
    }

    /// <summary>"QueueOutputAttribute" → "queue", as the SDK names binding types.</summary>
    private static string BindingTypeOf(Attribute attribute)
    {
        var name = Short(attribute);
        name = name.EndsWith("Output", StringComparison.Ordinal) ? name[..^"Output".Length] : name;
        return name.Length == 0 ? "unknown" : char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static void EnsureSingleTrigger(string name, GeneratedFunction method, HttpTriggerAttribute? http, TimerTriggerAttribute? timer)
    {
        if (http is not null || timer is not null)
        {
            throw Unsupported(name, method, "has more than one trigger");
        }
    }

    private static string Short(Attribute attribute) => attribute.GetType().Name.Replace("Attribute", string.Empty, StringComparison.Ordinal);

    private static FunctionsStartupException Unsupported(string name, GeneratedFunction method, string problem) =>
        new($"function '{name}' ({method.EntryPoint}) {problem}.");

    /// <summary>A binding with no OpenFaaS meaning: the function is left out with a warning, the app runs.</summary>
    private sealed class UnsupportedBindingException(string message) : Exception(message);
}
