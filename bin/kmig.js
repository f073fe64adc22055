#!/usr/bin/env node
import "../dist/kmig.mjs";
