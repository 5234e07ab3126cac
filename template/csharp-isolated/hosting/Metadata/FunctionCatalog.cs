using System.ComponentModel;
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
/// function assemblies, checked once at start-up so that an unsupported binding fails the start
/// with a message naming the function instead of failing its first call.
/// </summary>
internal sealed class FunctionCatalog
{
    private readonly Lazy<IReadOnlyList<FunctionEntry>> _functions;

    public FunctionCatalog(IOptions<FunctionsHostOptions> options)
    {
        _functions = new Lazy<IReadOnlyList<FunctionEntry>>(() => Discover(Assemblies(options.Value)));
    }

    /// <exception cref="FunctionsStartupException">A function cannot be hosted.</exception>
    public IReadOnlyList<FunctionEntry> Functions => _functions.Value;

    public IEnumerable<FunctionEntry> HttpFunctions => Functions.Where(f => f.HttpTrigger is not null);

    public IEnumerable<FunctionEntry> TimerFunctions => Functions.Where(f => f.TimerTrigger is not null);

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

    private static List<FunctionEntry> Discover(IReadOnlyList<Assembly> assemblies)
    {
        var entries = new List<FunctionEntry>();
        foreach (var type in assemblies.SelectMany(LoadableTypes).Where(t => t.IsClass && !t.IsGenericTypeDefinition))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is { } function)
                {
                    entries.Add(Describe(function.Name, method));
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

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    private static FunctionEntry Describe(string name, MethodInfo method)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw Unsupported(name, method, "has an empty [Function] name");
        }

        if (method.IsGenericMethodDefinition)
        {
            throw Unsupported(name, method, "is generic");
        }

        if (!method.IsStatic && method.DeclaringType!.IsAbstract)
        {
            throw Unsupported(name, method, "is an instance method of an abstract class");
        }

        foreach (var attribute in method.GetCustomAttributes<BindingAttribute>(inherit: true).Concat(method.ReturnParameter.GetCustomAttributes<BindingAttribute>(inherit: true)))
        {
            throw Unsupported(name, method, $"has the output binding [{Short(attribute)}]; the OpenFaaS host supports the HTTP response only");
        }

        HttpTriggerAttribute? http = null;
        TimerTriggerAttribute? timer = null;
        var bindings = new List<FunctionParameterBinding>();
        foreach (var parameter in method.GetParameters())
        {
            var source = SourceOf(name, method, parameter, ref http, ref timer);
            bindings.Add(new FunctionParameterBinding(parameter, source));
        }

        if (http is null && timer is null)
        {
            throw Unsupported(name, method, "has no [HttpTrigger] or [TimerTrigger] parameter");
        }

        if (http is not null && http.AuthLevel == AuthorizationLevel.User)
        {
            throw Unsupported(name, method, "uses AuthorizationLevel.User (App Service authentication), which OpenFaaS does not have");
        }

        var (shape, property) = ShapeOf(name, method);
        if (timer is not null && shape != ResultShape.Nothing)
        {
            throw Unsupported(name, method, "is a timer function that returns a value; return void or Task");
        }

        return new FunctionEntry(name, method, http, timer, bindings, shape, property);
    }

    private static ParameterSource SourceOf(string name, MethodInfo method, ParameterInfo parameter, ref HttpTriggerAttribute? http, ref TimerTriggerAttribute? timer)
    {
        var type = parameter.ParameterType;
        var binding = parameter.GetCustomAttributes<BindingAttribute>(inherit: true).FirstOrDefault();
        switch (binding)
        {
            case HttpTriggerAttribute trigger when type == typeof(HttpRequestData):
                EnsureSingleTrigger(name, method, http, timer);
                http = trigger;
                return ParameterSource.HttpRequest;
            case HttpTriggerAttribute:
                throw Unsupported(name, method, $"binds [HttpTrigger] to {type.Name} '{parameter.Name}'; the OpenFaaS host binds it to HttpRequestData only (HttpRequest needs the ASP.NET Core integration package)");
            case TimerTriggerAttribute trigger when type == typeof(TimerInfo):
                EnsureSingleTrigger(name, method, http, timer);
                timer = trigger;
                return ParameterSource.TimerInfo;
            case TimerTriggerAttribute:
                throw Unsupported(name, method, $"binds [TimerTrigger] to {type.Name} '{parameter.Name}'; use TimerInfo");
            case not null:
                throw Unsupported(name, method, $"binds parameter '{parameter.Name}' with [{Short(binding)}], which the OpenFaaS host does not support (HTTP and timer triggers only)");
        }

        if (parameter.GetCustomAttribute<FromBodyAttribute>() is not null)
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

        if (IsSimple(type))
        {
            return ParameterSource.BindingData;
        }

        throw Unsupported(name, method, $"has parameter '{parameter.Name}' of type {type.Name}, which is neither a trigger, FunctionContext, CancellationToken, ILogger, [FromBody] nor a route or query value");
    }

    /// <summary>A type a route or query string value converts to.</summary>
    internal static bool IsSimple(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying == typeof(string)
            || underlying.IsPrimitive
            || underlying.IsEnum
            || underlying == typeof(decimal)
            || underlying == typeof(Guid)
            || underlying == typeof(DateTime)
            || underlying == typeof(DateTimeOffset)
            || underlying == typeof(TimeSpan)
            || underlying == typeof(DateOnly)
            || underlying == typeof(TimeOnly)
            || (underlying.IsValueType && TypeDescriptor.GetConverter(underlying).CanConvertFrom(typeof(string)));
    }

    private static (ResultShape Shape, System.Reflection.PropertyInfo? Property) ShapeOf(string name, MethodInfo method)
    {
        var type = method.ReturnType;
        if (type == typeof(void) || type == typeof(Task) || type == typeof(ValueTask))
        {
            return (ResultShape.Nothing, null);
        }

        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            type = type.GetGenericArguments()[0];
        }

        if (typeof(HttpResponseData).IsAssignableFrom(type))
        {
            return (ResultShape.HttpResponse, null);
        }

        if (type == typeof(string))
        {
            return (ResultShape.Text, null);
        }

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var httpResult = properties.Where(p => p.GetCustomAttribute<HttpResultAttribute>() is not null).ToList();
        var otherOutputs = properties.Where(p => p.GetCustomAttribute<OutputBindingAttribute>() is { } a && a is not HttpResultAttribute).ToList();
        if (otherOutputs.Count > 0)
        {
            throw Unsupported(name, method, $"returns {type.Name} whose property '{otherOutputs[0].Name}' is an output binding; the OpenFaaS host supports the HTTP response only");
        }

        if (httpResult.Count == 1 && typeof(HttpResponseData).IsAssignableFrom(httpResult[0].PropertyType))
        {
            return (ResultShape.HttpResultProperty, httpResult[0]);
        }

        return (ResultShape.Json, null);
    }

    private static void EnsureSingleTrigger(string name, MethodInfo method, HttpTriggerAttribute? http, TimerTriggerAttribute? timer)
    {
        if (http is not null || timer is not null)
        {
            throw Unsupported(name, method, "has more than one trigger");
        }
    }

    private static string Short(Attribute attribute) => attribute.GetType().Name.Replace("Attribute", string.Empty, StringComparison.Ordinal);

    private static FunctionsStartupException Unsupported(string name, MethodInfo method, string problem) =>
        new($"function '{name}' ({method.DeclaringType?.FullName}.{method.Name}) {problem}.");
}
