package dev.almanac.commands.architecture.planted.item;

import org.springframework.web.bind.annotation.RestController;

import dev.almanac.commands.web.PathIds;

/** A web adapter, which may use the web plumbing. */
@RestController
public class PlantedController {

    public String id(String value) {
        return PathIds.parse("id", value, String::trim);
    }
}
