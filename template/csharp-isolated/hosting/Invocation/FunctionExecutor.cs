using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Invocation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenFaaS.Functions.Worker.Metadata;

namespace OpenFaaS.Functions.Worker.Invocation;

/// <summary>
/// The last step of the invocation pipeline: creates the function class (constructor injection
/// from the invocation's scope), binds the parameters, calls the method and awaits its result.
/// </summary>
internal sealed class FunctionExecutor(IOptions<WorkerOptions> workerOptions) : IFunctionExecutor
{
    public async ValueTask ExecuteAsync(FunctionContext context)
    {
        var invocation = (WorkerFunctionContext)context;
        var function = invocation.Function;
        var inputs = invocation.Inputs;
        var arguments = new object?[function.Bindings.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = await BindAsync(function.Bindings[i], invocation, inputs).ConfigureAwait(false);
        }

        var instance = function.Method.IsStatic ? null : CreateInstance(function.Method.DeclaringType!, invocation);
        try
        {
            var returned = function.Method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, arguments, CultureInfo.InvariantCulture);
            var result = await UnwrapAsync(returned, function.Method.ReturnType).ConfigureAwait(false);
            inputs.Bindings.InvocationResult = result;
            inputs.Executed = true;

            // What Worker.Core's OutputBindingsMiddleware does before middleware resumes: each
            // property of a multi-output type becomes the value of its binding.
            if (result is not null)
            {
                foreach (var output in function.OutputProperties)
                {
                    inputs.Bindings.OutputBindingData[output.Name] = output.Property.GetValue(result);
                }
            }
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private static object CreateInstance(Type type, FunctionContext context)
    {
        var activator = context.InstanceServices.GetService<IFunctionActivator>();
        return activator?.CreateInstance(type, context)
            ?? ActivatorUtilities.CreateInstance(context.InstanceServices, type);
    }

    private async ValueTask<object?> BindAsync(FunctionParameterBinding binding, WorkerFunctionContext context, InvocationInputs inputs) => binding.Source switch
    {
        ParameterSource.HttpRequest => inputs.Request,
        ParameterSource.AspNetCoreRequest => inputs.HttpContext?.Request,
        ParameterSource.AspNetCoreContext => inputs.HttpContext,
        ParameterSource.TimerInfo => inputs.Timer,
        ParameterSource.FunctionContext => context,
        ParameterSource.CancellationToken => context.CancellationToken,
        ParameterSource.Logger => context.InstanceServices.GetRequiredService<ILoggerFactory>().CreateLogger($"Function.{context.Function.Name}"),
        ParameterSource.Body => await ReadBodyAsync(binding, context, inputs).ConfigureAwait(false),
        ParameterSource.BindingData => FromBindingData(binding, context),
        _ => throw new InvalidOperationException($"Unknown parameter source {binding.Source}."),
    };

    private async ValueTask<object?> ReadBodyAsync(FunctionParameterBinding binding, WorkerFunctionContext context, InvocationInputs inputs)
    {
        var body = inputs.Request?.Body;
        if (body is null || (body.CanSeek && body.Length == 0))
        {
            return DefaultOf(binding);
        }

        if (binding.Type == typeof(string))
        {
            using var reader = new StreamReader(body, leaveOpen: true);
            return await reader.ReadToEndAsync(context.CancellationToken).ConfigureAwait(false);
        }

        if (binding.Type == typeof(byte[]))
        {
            using var copy = new MemoryStream();
            await body.CopyToAsync(copy, context.CancellationToken).ConfigureAwait(false);
            return copy.ToArray();
        }

        ObjectSerializer serializer = workerOptions.Value.Serializer
            ?? throw new InvalidOperationException("WorkerOptions.Serializer is not set.");
        try
        {
            return await serializer.DeserializeAsync(body, binding.Type, context.CancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ArgumentBindingException($"The request body is not valid JSON for {binding.Type.Name}: {e.Message}", e);
        }
    }

    private static object? FromBindingData(FunctionParameterBinding binding, FunctionContext context)
    {
        if (!context.BindingContext.BindingData.TryGetValue(binding.Name, out var value) || value is null || value is string { Length: 0 })
        {
            if (binding.Parameter.HasDefaultValue)
            {
                return binding.Parameter.DefaultValue;
            }

            if (!binding.Type.IsValueType || Nullable.GetUnderlyingType(binding.Type) is not null)
            {
                return null;
            }

            throw new ArgumentBindingException($"The route or query value '{binding.Name}' is required.");
        }

        var target = Nullable.GetUnderlyingType(binding.Type) ?? binding.Type;
        if (target.IsInstanceOfType(value))
        {
            return value;
        }

        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        try
        {
            return target.IsEnum
                ? Enum.Parse(target, text, ignoreCase: true)
                : TypeDescriptor.GetConverter(target).ConvertFromInvariantString(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            throw new ArgumentBindingException($"The route or query value '{binding.Name}' is not a valid {target.Name}.", e);
        }
    }

    private static object? DefaultOf(FunctionParameterBinding binding) =>
        binding.Parameter.HasDefaultValue ? binding.Parameter.DefaultValue
        : binding.Type.IsValueType ? Activator.CreateInstance(binding.Type)
        : null;

    private static async ValueTask<object?> UnwrapAsync(object? returned, Type declared)
    {
        switch (returned)
        {
            case null:
                return null;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                return null;
            case Task task:
                await task.ConfigureAwait(false);
                return declared.IsGenericType && declared.GetGenericTypeDefinition() == typeof(Task<>)
                    ? declared.GetProperty(nameof(Task<object>.Result))!.GetValue(task)
                    : null;
        }

        if (declared.IsGenericType && declared.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var task = (Task)declared.GetMethod(nameof(ValueTask<object>.AsTask))!.Invoke(returned, null)!;
            await task.ConfigureAwait(false);
            return task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task);
        }

        return returned;
    }
}
