package dev.promptbench.cli;

import dev.promptbench.app.PassOrder;
import dev.promptbench.app.RunMode;
import dev.promptbench.client.Api;
import dev.promptbench.config.Auth;
import dev.promptbench.config.Provider;
import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.run.Arrival;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an option's enum value by the name users write and reports print ({@code seq-first}), in any case. */
abstract class WireNameConverter<E extends Enum<E>> implements ITypeConverter<E> {
    private final E[] values;
    private final Function<E, String> wireName;

    WireNameConverter(E[] values, Function<E, String> wireName) {
        this.values = values;
        this.wireName = wireName;
    }

    @Override
    public E convert(String text) {
        for (E value : values) {
            if (wireName.apply(value).equals(text.trim().toLowerCase(Locale.ROOT))) return value;
        }
        throw new TypeConversionException("expected "
                + Arrays.stream(values).map(wireName).collect(Collectors.joining(", ")) + " (got '" + text + "')");
    }

    /** {@code --mode}. */
    static final class Mode extends WireNameConverter<RunMode> {
        Mode() {
            super(RunMode.values(), RunMode::wireName);
        }
    }

    /** {@code --provider}. */
    static final class ProviderName extends WireNameConverter<Provider> {
        ProviderName() {
            super(Provider.values(), Provider::word);
        }
    }

    /** {@code --auth}. */
    static final class AuthName extends WireNameConverter<Auth> {
        AuthName() {
            super(Auth.values(), Auth::word);
        }
    }

    /** {@code --service-tier}. */
    static final class Tier extends WireNameConverter<ServiceTier> {
        Tier() {
            super(ServiceTier.values(), ServiceTier::wireName);
        }
    }

    /** {@code --arrival}. */
    static final class ArrivalKind extends WireNameConverter<Arrival.Kind> {
        ArrivalKind() {
            super(Arrival.Kind.values(), Arrival.Kind::wireName);
        }
    }

    /** {@code --api}. */
    static final class ApiName extends WireNameConverter<Api> {
        ApiName() {
            super(Api.values(), Api::wireName);
        }
    }

    /** {@code --order}. */
    static final class Order extends WireNameConverter<PassOrder> {
        Order() {
            super(PassOrder.values(), PassOrder::wireName);
        }
    }
}
