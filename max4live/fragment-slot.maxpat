{
	"patcher": {
		"appversion": {
			"architecture": "x64",
			"major": 8,
			"minor": 6,
			"modernui": 1,
			"revision": 5
		},
		"autosave": 0,
		"boxes": [
			{
				"box": {
					"id": "obj-1",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						20.0,
						455.0,
						22.0
					],
					"text": "fragment slot - controls on the device face (presentation mode)"
				}
			},
			{
				"box": {
					"fontface": 1,
					"fontsize": 16.0,
					"id": "obj-2",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						50.0,
						56.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						6,
						1,
						70,
						24
					],
					"text": "SLOT 1",
					"varname": "slot_title"
				}
			},
			{
				"box": {
					"id": "obj-3",
					"maxclass": "live.comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						80.0,
						42.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						80,
						5,
						28,
						16
					],
					"text": "Slot"
				}
			},
			{
				"box": {
					"id": "obj-4",
					"maxclass": "live.numbox",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						"float"
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						110.0,
						30.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						108,
						6,
						34,
						15
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_info": "Slot this device plays: 1 plays output01.wav.",
							"parameter_initial": [
								1
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 1,
							"parameter_longname": "Slot",
							"parameter_mmax": 999.0,
							"parameter_mmin": 1.0,
							"parameter_modmode": 0,
							"parameter_shortname": "Slot",
							"parameter_type": 0,
							"parameter_unitstyle": 0
						}
					},
					"varname": "slot"
				}
			},
			{
				"box": {
					"id": "obj-5",
					"maxclass": "live.comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						140.0,
						42.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						148,
						5,
						30,
						16
					],
					"text": "Host"
				}
			},
			{
				"box": {
					"id": "obj-6",
					"keymode": 1,
					"lines": 1,
					"maxclass": "textedit",
					"numinlets": 1,
					"numoutlets": 4,
					"outlettype": [
						"",
						"int",
						"",
						""
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						170.0,
						77.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						178,
						4,
						110,
						18
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_info": "Host name or IP address of the machine running fragmentd.",
							"parameter_initial": [
								"127.0.0.1"
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 1,
							"parameter_longname": "Host",
							"parameter_modmode": 0,
							"parameter_shortname": "Host",
							"parameter_type": 3
						}
					},
					"text": "127.0.0.1",
					"varname": "host"
				}
			},
			{
				"box": {
					"id": "obj-7",
					"maxclass": "live.comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						200.0,
						42.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						294,
						5,
						28,
						16
					],
					"text": "Port"
				}
			},
			{
				"box": {
					"id": "obj-8",
					"maxclass": "live.numbox",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						"float"
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						230.0,
						30.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						322,
						6,
						44,
						15
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_info": "UDP port fragmentd listens on (osc.port in its config.toml).",
							"parameter_initial": [
								9178
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 1,
							"parameter_longname": "Daemon Port",
							"parameter_mmax": 65535.0,
							"parameter_mmin": 1.0,
							"parameter_modmode": 0,
							"parameter_shortname": "Daemon Port",
							"parameter_type": 0,
							"parameter_unitstyle": 0
						}
					},
					"varname": "daemon_port"
				}
			},
			{
				"box": {
					"id": "obj-9",
					"maxclass": "live.comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						260.0,
						49.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						372,
						5,
						34,
						16
					],
					"text": "Reply"
				}
			},
			{
				"box": {
					"id": "obj-10",
					"maxclass": "live.numbox",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						"float"
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						290.0,
						30.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						406,
						6,
						44,
						15
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_info": "UDP port this device listens on; 0 = 9300 + slot. Every device needs its own.",
							"parameter_initial": [
								0
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 1,
							"parameter_longname": "Reply Port",
							"parameter_mmax": 65535.0,
							"parameter_mmin": 0.0,
							"parameter_modmode": 0,
							"parameter_shortname": "Reply Port",
							"parameter_type": 0,
							"parameter_unitstyle": 0
						}
					},
					"varname": "reply_port"
				}
			},
			{
				"box": {
					"fontsize": 10.0,
					"id": "obj-11",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						320.0,
						168.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						454,
						5,
						180,
						16
					],
					"text": "0 = auto (9300 + slot)",
					"varname": "listening"
				}
			},
			{
				"box": {
					"fontsize": 10.0,
					"id": "obj-12",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						350.0,
						210.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						6,
						26,
						628,
						16
					],
					"text": "no answer from fragmentd yet",
					"varname": "link"
				}
			},
			{
				"box": {
					"hint": "Type a prompt, then Generate",
					"id": "obj-13",
					"keymode": 1,
					"maxclass": "textedit",
					"numinlets": 1,
					"numoutlets": 4,
					"outlettype": [
						"",
						"int",
						"",
						""
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						380.0,
						30.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						6,
						44,
						400,
						40
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_info": "The text sent to fragmentd when you press Generate.",
							"parameter_initial": [
								""
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 1,
							"parameter_longname": "Prompt",
							"parameter_modmode": 0,
							"parameter_shortname": "Prompt",
							"parameter_type": 3
						}
					},
					"text": "",
					"varname": "prompt",
					"wordwrap": 1
				}
			},
			{
				"box": {
					"id": "obj-14",
					"maxclass": "live.comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						410.0,
						56.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						412,
						44,
						40,
						16
					],
					"text": "Engine"
				}
			},
			{
				"box": {
					"hint": "Engines the daemon offers; default = the daemon's own",
					"id": "obj-15",
					"items": [
						"default"
					],
					"maxclass": "umenu",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"int",
						"",
						""
					],
					"patching_rect": [
						20.0,
						440.0,
						30.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						452,
						44,
						110,
						18
					],
					"varname": "engine_menu"
				}
			},
			{
				"box": {
					"id": "obj-16",
					"maxclass": "live.comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						470.0,
						35.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						566,
						44,
						24,
						16
					],
					"text": "Sec"
				}
			},
			{
				"box": {
					"id": "obj-17",
					"maxclass": "live.numbox",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						"float"
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						500.0,
						30.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						590,
						45,
						44,
						15
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_info": "Length asked for, in seconds (Piper: at most this).",
							"parameter_initial": [
								4.0
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 0,
							"parameter_longname": "Seconds",
							"parameter_mmax": 60.0,
							"parameter_mmin": 0.5,
							"parameter_modmode": 0,
							"parameter_shortname": "Seconds",
							"parameter_type": 0,
							"parameter_unitstyle": 1
						}
					},
					"varname": "seconds"
				}
			},
			{
				"box": {
					"id": "obj-18",
					"maxclass": "live.comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						530.0,
						42.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						412,
						66,
						40,
						16
					],
					"text": "Seed"
				}
			},
			{
				"box": {
					"hint": "-1 = a new random seed each time",
					"id": "obj-19",
					"maxclass": "number",
					"maximum": 2147483647,
					"minimum": -1,
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						"bang"
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						560.0,
						30.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						452,
						65,
						80,
						18
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_info": "-1: a new random seed each take; any other value repeats a take.",
							"parameter_initial": [
								-1
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 1,
							"parameter_longname": "Seed",
							"parameter_modmode": 0,
							"parameter_shortname": "Seed",
							"parameter_type": 3
						}
					},
					"varname": "seed"
				}
			},
			{
				"box": {
					"id": "obj-20",
					"maxclass": "live.text",
					"mode": 0,
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						590.0,
						77.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						536,
						65,
						56,
						18
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_enum": [
								"off",
								"on"
							],
							"parameter_info": "Copy the seed of the last take into Seed.",
							"parameter_initial": [
								0
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 2,
							"parameter_longname": "Reuse Seed",
							"parameter_mmax": 1,
							"parameter_modmode": 0,
							"parameter_shortname": "Reuse Seed",
							"parameter_type": 2
						}
					},
					"text": "last seed",
					"texton": "last seed",
					"varname": "reuse_seed"
				}
			},
			{
				"box": {
					"id": "obj-21",
					"maxclass": "live.comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						620.0,
						42.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						594,
						66,
						22,
						16
					],
					"text": "Bars"
				}
			},
			{
				"box": {
					"id": "obj-22",
					"maxclass": "live.numbox",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						"float"
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						650.0,
						30.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						618,
						66,
						16,
						15
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_info": "0: the length is Sec. 1 or more: the fragment lasts exactly that many bars at Live's tempo, and loops seamlessly when Loop is on.",
							"parameter_initial": [
								0
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 1,
							"parameter_longname": "Bars",
							"parameter_mmax": 64.0,
							"parameter_mmin": 0.0,
							"parameter_modmode": 0,
							"parameter_shortname": "Bars",
							"parameter_type": 0,
							"parameter_unitstyle": 0
						}
					},
					"varname": "bars"
				}
			},
			{
				"box": {
					"id": "obj-23",
					"maxclass": "live.text",
					"mode": 0,
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						680.0,
						70.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						412,
						88,
						98,
						22
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_enum": [
								"off",
								"on"
							],
							"parameter_info": "Send the prompt to fragmentd for this slot.",
							"parameter_initial": [
								0
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 0,
							"parameter_longname": "Generate",
							"parameter_mmax": 1,
							"parameter_modmode": 0,
							"parameter_shortname": "Generate",
							"parameter_type": 2
						}
					},
					"text": "Generate",
					"texton": "Generate",
					"varname": "generate"
				}
			},
			{
				"box": {
					"id": "obj-24",
					"maxclass": "live.text",
					"mode": 0,
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						710.0,
						42.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						514,
						88,
						48,
						22
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_enum": [
								"off",
								"on"
							],
							"parameter_info": "Swap in the next-ranked variation of this slot at once (ask for them with variations=N).",
							"parameter_initial": [
								0
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 0,
							"parameter_longname": "Next Take",
							"parameter_mmax": 1,
							"parameter_modmode": 0,
							"parameter_shortname": "Next Take",
							"parameter_type": 2
						}
					},
					"text": "Next",
					"texton": "Next",
					"varname": "next_take"
				}
			},
			{
				"box": {
					"id": "obj-25",
					"maxclass": "live.text",
					"mode": 0,
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						740.0,
						56.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						566,
						88,
						68,
						22
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_enum": [
								"off",
								"on"
							],
							"parameter_info": "Cancel this device's latest prompt.",
							"parameter_initial": [
								0
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 0,
							"parameter_longname": "Cancel",
							"parameter_mmax": 1,
							"parameter_modmode": 0,
							"parameter_shortname": "Cancel",
							"parameter_type": 2
						}
					},
					"text": "Cancel",
					"texton": "Cancel",
					"varname": "cancel"
				}
			},
			{
				"box": {
					"fontsize": 10.0,
					"id": "obj-26",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						770.0,
						42.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						6,
						88,
						400,
						16
					],
					"text": "idle",
					"varname": "status"
				}
			},
			{
				"box": {
					"appearance": 2,
					"id": "obj-27",
					"ignoreclick": 1,
					"maxclass": "live.numbox",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						"float"
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						800.0,
						30.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						6,
						106,
						400,
						8
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_invisible": 2,
							"parameter_longname": "Progress",
							"parameter_mmax": 1.0,
							"parameter_mmin": 0.0,
							"parameter_modmode": 0,
							"parameter_shortname": "Progress",
							"parameter_type": 0,
							"parameter_unitstyle": 1
						}
					},
					"textcolor": [
						0.0,
						0.0,
						0.0,
						0.0
					],
					"varname": "progress"
				}
			},
			{
				"box": {
					"fontsize": 10.0,
					"id": "obj-28",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						830.0,
						140.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						6,
						116,
						340,
						16
					],
					"text": "no take loaded yet",
					"varname": "take_prompt"
				}
			},
			{
				"box": {
					"fontsize": 10.0,
					"id": "obj-29",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						860.0,
						30.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						350,
						116,
						56,
						16
					],
					"text": "",
					"varname": "quality"
				}
			},
			{
				"box": {
					"fontsize": 10.0,
					"id": "obj-30",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						890.0,
						30.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						412,
						114,
						222,
						16
					],
					"text": "",
					"varname": "take_info"
				}
			},
			{
				"box": {
					"id": "obj-31",
					"maxclass": "live.text",
					"mode": 0,
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						920.0,
						42.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						6,
						138,
						48,
						24
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_enum": [
								"off",
								"on"
							],
							"parameter_info": "Play the slot from its start (on the next bar when Bar is on).",
							"parameter_initial": [
								0
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 0,
							"parameter_longname": "Play",
							"parameter_mmax": 1,
							"parameter_modmode": 0,
							"parameter_shortname": "Play",
							"parameter_type": 2
						}
					},
					"text": "Play",
					"texton": "Play",
					"varname": "play"
				}
			},
			{
				"box": {
					"id": "obj-32",
					"maxclass": "live.text",
					"mode": 0,
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						950.0,
						42.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						58,
						138,
						48,
						24
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_enum": [
								"off",
								"on"
							],
							"parameter_info": "Stop the slot.",
							"parameter_initial": [
								0
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 0,
							"parameter_longname": "Stop",
							"parameter_mmax": 1,
							"parameter_modmode": 0,
							"parameter_shortname": "Stop",
							"parameter_type": 2
						}
					},
					"text": "Stop",
					"texton": "Stop",
					"varname": "stop"
				}
			},
			{
				"box": {
					"id": "obj-33",
					"maxclass": "live.text",
					"mode": 1,
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						980.0,
						42.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						110,
						138,
						44,
						24
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_enum": [
								"off",
								"on"
							],
							"parameter_info": "Loop the fragment.",
							"parameter_initial": [
								0
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 0,
							"parameter_longname": "Loop",
							"parameter_mmax": 1,
							"parameter_modmode": 0,
							"parameter_shortname": "Loop",
							"parameter_type": 2
						}
					},
					"text": "Loop",
					"texton": "Loop",
					"varname": "loop"
				}
			},
			{
				"box": {
					"id": "obj-34",
					"maxclass": "live.text",
					"mode": 1,
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						1010.0,
						35.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						158,
						138,
						44,
						24
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_enum": [
								"off",
								"on"
							],
							"parameter_info": "Start, stop and swap on Live's next bar while the transport runs.",
							"parameter_initial": [
								0
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 0,
							"parameter_longname": "Quantise",
							"parameter_mmax": 1,
							"parameter_modmode": 0,
							"parameter_shortname": "Quantise",
							"parameter_type": 2
						}
					},
					"text": "Bar",
					"texton": "Bar",
					"varname": "quantise"
				}
			},
			{
				"box": {
					"id": "obj-35",
					"maxclass": "live.text",
					"mode": 1,
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						1040.0,
						42.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						206,
						138,
						44,
						24
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_enum": [
								"off",
								"on"
							],
							"parameter_info": "While playing, keep the current take until Hold is released.",
							"parameter_initial": [
								0
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 0,
							"parameter_longname": "Hold",
							"parameter_mmax": 1,
							"parameter_modmode": 0,
							"parameter_shortname": "Hold",
							"parameter_type": 2
						}
					},
					"text": "Hold",
					"texton": "Hold",
					"varname": "hold"
				}
			},
			{
				"box": {
					"channels": 2,
					"id": "obj-36",
					"maxclass": "live.gain~",
					"numinlets": 2,
					"numoutlets": 5,
					"orientation": 1,
					"outlettype": [
						"signal",
						"signal",
						"",
						"float",
						"list"
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						1070.0,
						30.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						256,
						136,
						150,
						28
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_info": "Level of the fragment.",
							"parameter_initial": [
								0.0
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 0,
							"parameter_longname": "Gain",
							"parameter_mmax": 6.0,
							"parameter_mmin": -70.0,
							"parameter_modmode": 0,
							"parameter_shortname": "Gain",
							"parameter_type": 0,
							"parameter_unitstyle": 4
						}
					},
					"showname": 0,
					"varname": "gain"
				}
			},
			{
				"box": {
					"id": "obj-37",
					"maxclass": "live.comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						1100.0,
						49.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						412,
						134,
						34,
						14
					],
					"text": "Track"
				}
			},
			{
				"box": {
					"id": "obj-38",
					"maxclass": "live.numbox",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						"float"
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						1130.0,
						30.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						446,
						134,
						34,
						15
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_info": "Track for To clip: 0 = this track, 1 = the first track.",
							"parameter_initial": [
								0
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 1,
							"parameter_longname": "Clip Track",
							"parameter_mmax": 999.0,
							"parameter_mmin": 0.0,
							"parameter_modmode": 0,
							"parameter_shortname": "Clip Track",
							"parameter_type": 0,
							"parameter_unitstyle": 0
						}
					},
					"varname": "clip_track"
				}
			},
			{
				"box": {
					"id": "obj-39",
					"maxclass": "live.comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						1160.0,
						49.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						484,
						134,
						36,
						14
					],
					"text": "Scene"
				}
			},
			{
				"box": {
					"id": "obj-40",
					"maxclass": "live.numbox",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						"float"
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						1190.0,
						30.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						520,
						134,
						34,
						15
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_info": "Scene (clip slot row) for To clip.",
							"parameter_initial": [
								1
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 1,
							"parameter_longname": "Clip Scene",
							"parameter_mmax": 999.0,
							"parameter_mmin": 1.0,
							"parameter_modmode": 0,
							"parameter_shortname": "Clip Scene",
							"parameter_type": 0,
							"parameter_unitstyle": 0
						}
					},
					"varname": "clip_scene"
				}
			},
			{
				"box": {
					"id": "obj-41",
					"maxclass": "live.text",
					"mode": 0,
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"parameter_enable": 1,
					"patching_rect": [
						20.0,
						1220.0,
						63.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						558,
						132,
						76,
						20
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_enum": [
								"off",
								"on"
							],
							"parameter_info": "Place the playing take in the Session clip slot above (Live 12.0.5 or later, audio track, empty slot).",
							"parameter_initial": [
								0
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 0,
							"parameter_longname": "Send to Clip",
							"parameter_mmax": 1,
							"parameter_modmode": 0,
							"parameter_shortname": "Send to Clip",
							"parameter_type": 2
						}
					},
					"text": "To clip",
					"texton": "To clip",
					"varname": "to_clip"
				}
			},
			{
				"box": {
					"fontsize": 10.0,
					"id": "obj-42",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						1250.0,
						30.0,
						22.0
					],
					"presentation": 1,
					"presentation_rect": [
						412,
						152,
						222,
						16
					],
					"text": "",
					"varname": "clip_status"
				}
			},
			{
				"box": {
					"id": "obj-43",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						260.0,
						20.0,
						280.0,
						22.0
					],
					"text": "network: host, daemon port, reply port"
				}
			},
			{
				"box": {
					"id": "obj-44",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						260.0,
						50.0,
						168.0,
						22.0
					],
					"text": "udpsend 127.0.0.1 9178"
				}
			},
			{
				"box": {
					"id": "obj-45",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						260.0,
						80.0,
						84.0,
						22.0
					],
					"text": "udpreceive"
				}
			},
			{
				"box": {
					"id": "obj-46",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						260.0,
						110.0,
						84.0,
						22.0
					],
					"text": "route text"
				}
			},
			{
				"box": {
					"id": "obj-47",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						260.0,
						140.0,
						70.0,
						22.0
					],
					"text": "sel bang"
				}
			},
			{
				"box": {
					"id": "obj-48",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						260.0,
						170.0,
						49.0,
						22.0
					],
					"text": "t b a"
				}
			},
			{
				"box": {
					"id": "obj-49",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						260.0,
						200.0,
						98.0,
						22.0
					],
					"text": "prepend host"
				}
			},
			{
				"box": {
					"id": "obj-50",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						"bang"
					],
					"patching_rect": [
						260.0,
						230.0,
						35.0,
						22.0
					],
					"text": "t b"
				}
			},
			{
				"box": {
					"id": "obj-51",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						260.0,
						260.0,
						30.0,
						22.0
					],
					"text": "i"
				}
			},
			{
				"box": {
					"id": "obj-52",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						"int"
					],
					"patching_rect": [
						260.0,
						290.0,
						49.0,
						22.0
					],
					"text": "t b i"
				}
			},
			{
				"box": {
					"id": "obj-53",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						260.0,
						320.0,
						98.0,
						22.0
					],
					"text": "prepend port"
				}
			},
			{
				"box": {
					"id": "obj-54",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						260.0,
						350.0,
						30.0,
						22.0
					],
					"text": "i"
				}
			},
			{
				"box": {
					"id": "obj-55",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 4,
					"outlettype": [
						"int",
						"int",
						"int",
						"int"
					],
					"patching_rect": [
						260.0,
						380.0,
						77.0,
						22.0
					],
					"text": "t i i i i"
				}
			},
			{
				"box": {
					"id": "obj-56",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						260.0,
						410.0,
						154.0,
						22.0
					],
					"text": "sprintf set SLOT %ld"
				}
			},
			{
				"box": {
					"id": "obj-57",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						260.0,
						440.0,
						30.0,
						22.0
					],
					"text": "i"
				}
			},
			{
				"box": {
					"id": "obj-58",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						260.0,
						470.0,
						63.0,
						22.0
					],
					"text": "pak 0 1"
				}
			},
			{
				"box": {
					"id": "obj-59",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						260.0,
						500.0,
						357.0,
						22.0
					],
					"text": "expr ($i1 == 0) * (9300 + $i2) + ($i1 != 0) * $i1"
				}
			},
			{
				"box": {
					"id": "obj-60",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"",
						"int",
						"int"
					],
					"patching_rect": [
						260.0,
						530.0,
						56.0,
						22.0
					],
					"text": "change"
				}
			},
			{
				"box": {
					"id": "obj-61",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 4,
					"outlettype": [
						"bang",
						"int",
						"bang",
						"int"
					],
					"patching_rect": [
						260.0,
						560.0,
						77.0,
						22.0
					],
					"text": "t b i b i"
				}
			},
			{
				"box": {
					"id": "obj-62",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						260.0,
						590.0,
						63.0,
						22.0
					],
					"text": "port $1"
				}
			},
			{
				"box": {
					"id": "obj-63",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						260.0,
						620.0,
						210.0,
						22.0
					],
					"text": "sprintf set listening on %ld"
				}
			},
			{
				"box": {
					"id": "obj-64",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						500.0,
						20.0,
						371.0,
						22.0
					],
					"text": "registration: /frag/hello, /frag/bye, link watchdog"
				}
			},
			{
				"box": {
					"id": "obj-65",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						500.0,
						50.0,
						30.0,
						22.0
					],
					"text": "i"
				}
			},
			{
				"box": {
					"id": "obj-66",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						500.0,
						80.0,
						30.0,
						22.0
					],
					"text": "i"
				}
			},
			{
				"box": {
					"id": "obj-67",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						500.0,
						110.0,
						49.0,
						22.0
					],
					"text": "sel 0"
				}
			},
			{
				"box": {
					"id": "obj-68",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						500.0,
						140.0,
						98.0,
						22.0
					],
					"text": "/frag/bye $1"
				}
			},
			{
				"box": {
					"id": "obj-69",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						500.0,
						170.0,
						49.0,
						22.0
					],
					"text": "sel 0"
				}
			},
			{
				"box": {
					"id": "obj-70",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						500.0,
						200.0,
						112.0,
						22.0
					],
					"text": "/frag/hello $1"
				}
			},
			{
				"box": {
					"id": "obj-71",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"bang"
					],
					"patching_rect": [
						500.0,
						230.0,
						84.0,
						22.0
					],
					"text": "metro 5000"
				}
			},
			{
				"box": {
					"id": "obj-72",
					"maxclass": "newobj",
					"numinlets": 10,
					"numoutlets": 10,
					"outlettype": [
						"",
						"",
						"",
						"",
						"",
						"",
						"",
						"",
						"",
						""
					],
					"patching_rect": [
						500.0,
						260.0,
						980.0,
						22.0
					],
					"text": "route /frag/hello/ok /frag/engine/list/reply /frag/queued /frag/progress /frag/error /frag/cancelled /frag/ready /frag/state /frag/quality"
				}
			},
			{
				"box": {
					"id": "obj-73",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						500.0,
						290.0,
						49.0,
						22.0
					],
					"text": "t a a"
				}
			},
			{
				"box": {
					"id": "obj-74",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						500.0,
						320.0,
						56.0,
						22.0
					],
					"text": "zl.reg"
				}
			},
			{
				"box": {
					"id": "obj-75",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						500.0,
						350.0,
						84.0,
						22.0
					],
					"text": "zl.slice 2"
				}
			},
			{
				"box": {
					"id": "obj-76",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						500.0,
						380.0,
						84.0,
						22.0
					],
					"text": "zl.slice 2"
				}
			},
			{
				"box": {
					"id": "obj-77",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						500.0,
						410.0,
						30.0,
						22.0
					],
					"text": "=="
				}
			},
			{
				"box": {
					"id": "obj-78",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						500.0,
						440.0,
						49.0,
						22.0
					],
					"text": "sel 1"
				}
			},
			{
				"box": {
					"id": "obj-79",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"bang",
						"bang",
						""
					],
					"patching_rect": [
						500.0,
						470.0,
						63.0,
						22.0
					],
					"text": "t b b a"
				}
			},
			{
				"box": {
					"id": "obj-80",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						500.0,
						500.0,
						252.0,
						22.0
					],
					"text": "prepend set connected to fragmentd"
				}
			},
			{
				"box": {
					"id": "obj-81",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						500.0,
						530.0,
						98.0,
						22.0
					],
					"text": "append slots"
				}
			},
			{
				"box": {
					"id": "obj-82",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"bang"
					],
					"patching_rect": [
						500.0,
						560.0,
						91.0,
						22.0
					],
					"text": "delay 12000"
				}
			},
			{
				"box": {
					"id": "obj-83",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						"bang"
					],
					"patching_rect": [
						500.0,
						590.0,
						49.0,
						22.0
					],
					"text": "t b b"
				}
			},
			{
				"box": {
					"id": "obj-84",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						500.0,
						620.0,
						30.0,
						22.0
					],
					"text": "i"
				}
			},
			{
				"box": {
					"id": "obj-85",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						500.0,
						650.0,
						30.0,
						22.0
					],
					"text": "0"
				}
			},
			{
				"box": {
					"id": "obj-86",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						500.0,
						680.0,
						476.0,
						22.0
					],
					"text": "set no answer from fragmentd - is it running? check host and ports"
				}
			},
			{
				"box": {
					"id": "obj-87",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						500.0,
						710.0,
						49.0,
						22.0
					],
					"text": "sel 0"
				}
			},
			{
				"box": {
					"id": "obj-88",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						"bang"
					],
					"patching_rect": [
						500.0,
						740.0,
						49.0,
						22.0
					],
					"text": "t b b"
				}
			},
			{
				"box": {
					"id": "obj-89",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						500.0,
						770.0,
						30.0,
						22.0
					],
					"text": "1"
				}
			},
			{
				"box": {
					"id": "obj-90",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						500.0,
						800.0,
						133.0,
						22.0
					],
					"text": "/frag/engine/list"
				}
			},
			{
				"box": {
					"id": "obj-91",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						500.0,
						830.0,
						147.0,
						22.0
					],
					"text": "/frag/slot/query $1"
				}
			},
			{
				"box": {
					"id": "obj-92",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						500.0,
						860.0,
						30.0,
						22.0
					],
					"text": "i"
				}
			},
			{
				"box": {
					"id": "obj-93",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						500.0,
						890.0,
						147.0,
						22.0
					],
					"text": "prepend set daemon:"
				}
			},
			{
				"box": {
					"id": "obj-94",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						500.0,
						920.0,
						30.0,
						22.0
					],
					"text": "i"
				}
			},
			{
				"box": {
					"id": "obj-95",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						500.0,
						950.0,
						49.0,
						22.0
					],
					"text": "sel 1"
				}
			},
			{
				"box": {
					"id": "obj-96",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						500.0,
						980.0,
						175.0,
						22.0
					],
					"text": "/frag/variation/next $1"
				}
			},
			{
				"box": {
					"id": "obj-97",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						740.0,
						20.0,
						434.0,
						22.0
					],
					"text": "engine menu: filled by the daemon, choice saved with the set"
				}
			},
			{
				"box": {
					"id": "obj-98",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"",
						"",
						""
					],
					"patching_rect": [
						740.0,
						50.0,
						238.0,
						22.0
					],
					"saved_attribute_attributes": {
						"valueof": {
							"parameter_info": "Engine asked for; default = the daemon's default engine.",
							"parameter_initial": [
								"default"
							],
							"parameter_initial_enable": 1,
							"parameter_invisible": 1,
							"parameter_longname": "Engine",
							"parameter_modmode": 0,
							"parameter_shortname": "Engine",
							"parameter_type": 3
						}
					},
					"saved_object_attributes": {
						"parameter_enable": 1,
						"parameter_mappable": 0
					},
					"text": "pattr engine @parameter_enable 1",
					"varname": "engine"
				}
			},
			{
				"box": {
					"id": "obj-99",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"bang",
						"",
						"bang"
					],
					"patching_rect": [
						740.0,
						80.0,
						63.0,
						22.0
					],
					"text": "t b a b"
				}
			},
			{
				"box": {
					"id": "obj-100",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						740.0,
						110.0,
						161.0,
						22.0
					],
					"text": "clear, append default"
				}
			},
			{
				"box": {
					"id": "obj-101",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						740.0,
						140.0,
						84.0,
						22.0
					],
					"text": "zl.slice 1"
				}
			},
			{
				"box": {
					"id": "obj-102",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						740.0,
						170.0,
						77.0,
						22.0
					],
					"text": "zl.iter 2"
				}
			},
			{
				"box": {
					"id": "obj-103",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						740.0,
						200.0,
						84.0,
						22.0
					],
					"text": "zl.slice 1"
				}
			},
			{
				"box": {
					"id": "obj-104",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						740.0,
						230.0,
						112.0,
						22.0
					],
					"text": "prepend append"
				}
			},
			{
				"box": {
					"id": "obj-105",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"bang",
						"bang",
						"bang"
					],
					"patching_rect": [
						740.0,
						260.0,
						63.0,
						22.0
					],
					"text": "t b b b"
				}
			},
			{
				"box": {
					"id": "obj-106",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						740.0,
						290.0,
						70.0,
						22.0
					],
					"text": "gate 1 0"
				}
			},
			{
				"box": {
					"id": "obj-107",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						740.0,
						320.0,
						30.0,
						22.0
					],
					"text": "1"
				}
			},
			{
				"box": {
					"id": "obj-108",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						740.0,
						350.0,
						30.0,
						22.0
					],
					"text": "0"
				}
			},
			{
				"box": {
					"id": "obj-109",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						740.0,
						380.0,
						133.0,
						22.0
					],
					"text": "prepend setsymbol"
				}
			},
			{
				"box": {
					"id": "obj-110",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						740.0,
						410.0,
						70.0,
						22.0
					],
					"text": "tosymbol"
				}
			},
			{
				"box": {
					"id": "obj-111",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						980.0,
						20.0,
						511.0,
						22.0
					],
					"text": "generate: one OSC string for the prompt, a job id unique to this device"
				}
			},
			{
				"box": {
					"id": "obj-112",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						980.0,
						50.0,
						49.0,
						22.0
					],
					"text": "sel 1"
				}
			},
			{
				"box": {
					"id": "obj-113",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						80.0,
						70.0,
						22.0
					],
					"text": "deferlow"
				}
			},
			{
				"box": {
					"id": "obj-114",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 7,
					"outlettype": [
						"bang",
						"bang",
						"bang",
						"bang",
						"bang",
						"bang",
						"bang"
					],
					"patching_rect": [
						980.0,
						110.0,
						119.0,
						22.0
					],
					"text": "t b b b b b b b"
				}
			},
			{
				"box": {
					"id": "obj-115",
					"maxclass": "newobj",
					"numinlets": 9,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						140.0,
						182.0,
						22.0
					],
					"text": "pack s 0 s s 0. 0 0. 0 0"
				}
			},
			{
				"box": {
					"id": "obj-116",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						170.0,
						70.0,
						22.0
					],
					"text": "gate 1 0"
				}
			},
			{
				"box": {
					"id": "obj-117",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 4,
					"outlettype": [
						"",
						"",
						"",
						""
					],
					"patching_rect": [
						980.0,
						200.0,
						70.0,
						22.0
					],
					"text": "gate 4 1"
				}
			},
			{
				"box": {
					"id": "obj-118",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						230.0,
						182.0,
						22.0
					],
					"text": "expr $i1 + 2 * ($i2 > 0)"
				}
			},
			{
				"box": {
					"id": "obj-119",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						980.0,
						260.0,
						30.0,
						22.0
					],
					"text": "i"
				}
			},
			{
				"box": {
					"id": "obj-120",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"int",
						"int"
					],
					"patching_rect": [
						980.0,
						290.0,
						49.0,
						22.0
					],
					"text": "t i i"
				}
			},
			{
				"box": {
					"id": "obj-121",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						980.0,
						320.0,
						30.0,
						22.0
					],
					"text": "i"
				}
			},
			{
				"box": {
					"id": "obj-122",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"",
						"",
						""
					],
					"patching_rect": [
						980.0,
						350.0,
						77.0,
						22.0
					],
					"text": "live.path"
				}
			},
			{
				"box": {
					"id": "obj-123",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						"bang"
					],
					"patching_rect": [
						980.0,
						380.0,
						49.0,
						22.0
					],
					"text": "t b b"
				}
			},
			{
				"box": {
					"id": "obj-124",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						410.0,
						105.0,
						22.0
					],
					"text": "path live_set"
				}
			},
			{
				"box": {
					"id": "obj-125",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						440.0,
						91.0,
						22.0
					],
					"text": "live.object"
				}
			},
			{
				"box": {
					"id": "obj-126",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						980.0,
						470.0,
						70.0,
						22.0
					],
					"text": "route id"
				}
			},
			{
				"box": {
					"id": "obj-127",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						500.0,
						84.0,
						22.0
					],
					"text": "prepend id"
				}
			},
			{
				"box": {
					"id": "obj-128",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						530.0,
						77.0,
						22.0
					],
					"text": "get tempo"
				}
			},
			{
				"box": {
					"id": "obj-129",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						980.0,
						560.0,
						91.0,
						22.0
					],
					"text": "route tempo"
				}
			},
			{
				"box": {
					"id": "obj-130",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						590.0,
						70.0,
						22.0
					],
					"text": "tosymbol"
				}
			},
			{
				"box": {
					"id": "obj-131",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						980.0,
						620.0,
						91.0,
						22.0
					],
					"text": "sel default"
				}
			},
			{
				"box": {
					"id": "obj-132",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						650.0,
						30.0,
						22.0
					],
					"text": "2"
				}
			},
			{
				"box": {
					"id": "obj-133",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						980.0,
						680.0,
						49.0,
						22.0
					],
					"text": "t b s"
				}
			},
			{
				"box": {
					"id": "obj-134",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						710.0,
						30.0,
						22.0
					],
					"text": "1"
				}
			},
			{
				"box": {
					"id": "obj-135",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						980.0,
						740.0,
						84.0,
						22.0
					],
					"text": "route text"
				}
			},
			{
				"box": {
					"id": "obj-136",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						980.0,
						770.0,
						70.0,
						22.0
					],
					"text": "sel bang"
				}
			},
			{
				"box": {
					"id": "obj-137",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						"bang"
					],
					"patching_rect": [
						980.0,
						800.0,
						49.0,
						22.0
					],
					"text": "t b b"
				}
			},
			{
				"box": {
					"id": "obj-138",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						830.0,
						30.0,
						22.0
					],
					"text": "0"
				}
			},
			{
				"box": {
					"id": "obj-139",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						860.0,
						175.0,
						22.0
					],
					"text": "set type a prompt first"
				}
			},
			{
				"box": {
					"id": "obj-140",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						980.0,
						890.0,
						49.0,
						22.0
					],
					"text": "t b a"
				}
			},
			{
				"box": {
					"id": "obj-141",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						920.0,
						70.0,
						22.0
					],
					"text": "tosymbol"
				}
			},
			{
				"box": {
					"id": "obj-142",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						950.0,
						30.0,
						22.0
					],
					"text": "1"
				}
			},
			{
				"box": {
					"id": "obj-143",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						"bang"
					],
					"patching_rect": [
						980.0,
						980.0,
						49.0,
						22.0
					],
					"text": "t b b"
				}
			},
			{
				"box": {
					"id": "obj-144",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						1010.0,
						112.0,
						22.0
					],
					"text": "set sending..."
				}
			},
			{
				"box": {
					"id": "obj-145",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						1040.0,
						49.0,
						22.0
					],
					"text": "set 0"
				}
			},
			{
				"box": {
					"id": "obj-146",
					"maxclass": "newobj",
					"numinlets": 5,
					"numoutlets": 4,
					"outlettype": [
						"int",
						"",
						"",
						"int"
					],
					"patching_rect": [
						980.0,
						1070.0,
						126.0,
						22.0
					],
					"text": "counter 1 999999"
				}
			},
			{
				"box": {
					"id": "obj-147",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						1100.0,
						182.0,
						22.0
					],
					"text": "sprintf symout ---job%ld"
				}
			},
			{
				"box": {
					"id": "obj-148",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						980.0,
						1130.0,
						49.0,
						22.0
					],
					"text": "t s s"
				}
			},
			{
				"box": {
					"id": "obj-149",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						980.0,
						1160.0,
						56.0,
						22.0
					],
					"text": "zl.reg"
				}
			},
			{
				"box": {
					"id": "obj-150",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						980.0,
						1190.0,
						49.0,
						22.0
					],
					"text": "t a a"
				}
			},
			{
				"box": {
					"id": "obj-151",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						1220.0,
						133.0,
						22.0
					],
					"text": "clear, store $1 1"
				}
			},
			{
				"box": {
					"id": "obj-152",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 4,
					"outlettype": [
						"",
						"",
						"",
						""
					],
					"patching_rect": [
						980.0,
						1250.0,
						133.0,
						22.0
					],
					"text": "coll ---current 1"
				}
			},
			{
				"box": {
					"id": "obj-153",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						1280.0,
						378.0,
						22.0
					],
					"text": "/frag/generate $1 $2 $3 engine $4 seconds $5 seed $6"
				}
			},
			{
				"box": {
					"id": "obj-154",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						1310.0,
						308.0,
						22.0
					],
					"text": "/frag/generate $1 $2 $3 seconds $5 seed $6"
				}
			},
			{
				"box": {
					"id": "obj-155",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						1340.0,
						462.0,
						22.0
					],
					"text": "/frag/generate $1 $2 $3 engine $4 seed $6 bpm $7 bars $8 loop $9"
				}
			},
			{
				"box": {
					"id": "obj-156",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						1370.0,
						392.0,
						22.0
					],
					"text": "/frag/generate $1 $2 $3 seed $6 bpm $7 bars $8 loop $9"
				}
			},
			{
				"box": {
					"id": "obj-157",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						980.0,
						1400.0,
						49.0,
						22.0
					],
					"text": "sel 1"
				}
			},
			{
				"box": {
					"id": "obj-158",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						1430.0,
						70.0,
						22.0
					],
					"text": "tosymbol"
				}
			},
			{
				"box": {
					"id": "obj-159",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						980.0,
						1460.0,
						119.0,
						22.0
					],
					"text": "/frag/cancel $1"
				}
			},
			{
				"box": {
					"id": "obj-160",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						980.0,
						1490.0,
						30.0,
						22.0
					],
					"text": "i"
				}
			},
			{
				"box": {
					"id": "obj-161",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						980.0,
						1520.0,
						49.0,
						22.0
					],
					"text": "sel 1"
				}
			},
			{
				"box": {
					"id": "obj-162",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						1220.0,
						20.0,
						462.0,
						22.0
					],
					"text": "events of this device's latest job: status line and progress bar"
				}
			},
			{
				"box": {
					"id": "obj-163",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1220.0,
						50.0,
						84.0,
						22.0
					],
					"text": "zl.slice 1"
				}
			},
			{
				"box": {
					"id": "obj-164",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1220.0,
						80.0,
						56.0,
						22.0
					],
					"text": "zl.reg"
				}
			},
			{
				"box": {
					"id": "obj-165",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 4,
					"outlettype": [
						"",
						"",
						"",
						""
					],
					"patching_rect": [
						1220.0,
						110.0,
						133.0,
						22.0
					],
					"text": "coll ---current 1"
				}
			},
			{
				"box": {
					"id": "obj-166",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						"bang"
					],
					"patching_rect": [
						1220.0,
						140.0,
						35.0,
						22.0
					],
					"text": "t b"
				}
			},
			{
				"box": {
					"id": "obj-167",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						1220.0,
						170.0,
						49.0,
						22.0
					],
					"text": "sel 0"
				}
			},
			{
				"box": {
					"id": "obj-168",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1220.0,
						200.0,
						126.0,
						22.0
					],
					"text": "set starting now"
				}
			},
			{
				"box": {
					"id": "obj-169",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1220.0,
						230.0,
						245.0,
						22.0
					],
					"text": "sprintf set queued - position %ld"
				}
			},
			{
				"box": {
					"id": "obj-170",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1220.0,
						260.0,
						84.0,
						22.0
					],
					"text": "zl.slice 1"
				}
			},
			{
				"box": {
					"id": "obj-171",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1220.0,
						290.0,
						56.0,
						22.0
					],
					"text": "zl.reg"
				}
			},
			{
				"box": {
					"id": "obj-172",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 4,
					"outlettype": [
						"",
						"",
						"",
						""
					],
					"patching_rect": [
						1220.0,
						320.0,
						133.0,
						22.0
					],
					"text": "coll ---current 1"
				}
			},
			{
				"box": {
					"id": "obj-173",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						"bang"
					],
					"patching_rect": [
						1220.0,
						350.0,
						35.0,
						22.0
					],
					"text": "t b"
				}
			},
			{
				"box": {
					"id": "obj-174",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						"float"
					],
					"patching_rect": [
						1220.0,
						380.0,
						49.0,
						22.0
					],
					"text": "t b f"
				}
			},
			{
				"box": {
					"id": "obj-175",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1220.0,
						410.0,
						91.0,
						22.0
					],
					"text": "prepend set"
				}
			},
			{
				"box": {
					"id": "obj-176",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1220.0,
						440.0,
						133.0,
						22.0
					],
					"text": "set generating..."
				}
			},
			{
				"box": {
					"id": "obj-177",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1220.0,
						470.0,
						84.0,
						22.0
					],
					"text": "zl.slice 1"
				}
			},
			{
				"box": {
					"id": "obj-178",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1220.0,
						500.0,
						56.0,
						22.0
					],
					"text": "zl.reg"
				}
			},
			{
				"box": {
					"id": "obj-179",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 4,
					"outlettype": [
						"",
						"",
						"",
						""
					],
					"patching_rect": [
						1220.0,
						530.0,
						133.0,
						22.0
					],
					"text": "coll ---current 1"
				}
			},
			{
				"box": {
					"id": "obj-180",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						"bang"
					],
					"patching_rect": [
						1220.0,
						560.0,
						35.0,
						22.0
					],
					"text": "t b"
				}
			},
			{
				"box": {
					"id": "obj-181",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1220.0,
						590.0,
						140.0,
						22.0
					],
					"text": "prepend set error:"
				}
			},
			{
				"box": {
					"id": "obj-182",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1220.0,
						620.0,
						84.0,
						22.0
					],
					"text": "zl.slice 1"
				}
			},
			{
				"box": {
					"id": "obj-183",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1220.0,
						650.0,
						56.0,
						22.0
					],
					"text": "zl.reg"
				}
			},
			{
				"box": {
					"id": "obj-184",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 4,
					"outlettype": [
						"",
						"",
						"",
						""
					],
					"patching_rect": [
						1220.0,
						680.0,
						133.0,
						22.0
					],
					"text": "coll ---current 1"
				}
			},
			{
				"box": {
					"id": "obj-185",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						"bang"
					],
					"patching_rect": [
						1220.0,
						710.0,
						35.0,
						22.0
					],
					"text": "t b"
				}
			},
			{
				"box": {
					"id": "obj-186",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1220.0,
						740.0,
						168.0,
						22.0
					],
					"text": "prepend set cancelled:"
				}
			},
			{
				"box": {
					"id": "obj-187",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						1340.0,
						20.0,
						357.0,
						22.0
					],
					"text": "quality gate verdict for this slot: score, issues"
				}
			},
			{
				"box": {
					"id": "obj-188",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1340.0,
						50.0,
						84.0,
						22.0
					],
					"text": "zl.slice 1"
				}
			},
			{
				"box": {
					"id": "obj-189",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1340.0,
						80.0,
						49.0,
						22.0
					],
					"text": "t l l"
				}
			},
			{
				"box": {
					"id": "obj-190",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1340.0,
						110.0,
						84.0,
						22.0
					],
					"text": "zl.slice 1"
				}
			},
			{
				"box": {
					"id": "obj-191",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						1340.0,
						140.0,
						42.0,
						22.0
					],
					"text": "== 1"
				}
			},
			{
				"box": {
					"id": "obj-192",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1340.0,
						170.0,
						70.0,
						22.0
					],
					"text": "gate 1 0"
				}
			},
			{
				"box": {
					"id": "obj-193",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 4,
					"outlettype": [
						"int",
						"int",
						"float",
						""
					],
					"patching_rect": [
						1340.0,
						200.0,
						119.0,
						22.0
					],
					"text": "unpack 0 0 0. s"
				}
			},
			{
				"box": {
					"id": "obj-194",
					"maxclass": "newobj",
					"numinlets": 3,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1340.0,
						230.0,
						280.0,
						22.0
					],
					"text": "sprintf set take %ld - quality %.0f %s"
				}
			},
			{
				"box": {
					"id": "obj-195",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1340.0,
						260.0,
						140.0,
						22.0
					],
					"text": "sprintf set q %.0f"
				}
			},
			{
				"box": {
					"id": "obj-196",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						1460.0,
						20.0,
						427.0,
						22.0
					],
					"text": "ready for this slot: load the new take into the idle buffer"
				}
			},
			{
				"box": {
					"id": "obj-197",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1460.0,
						50.0,
						84.0,
						22.0
					],
					"text": "zl.slice 1"
				}
			},
			{
				"box": {
					"id": "obj-198",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1460.0,
						80.0,
						49.0,
						22.0
					],
					"text": "t l l"
				}
			},
			{
				"box": {
					"id": "obj-199",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1460.0,
						110.0,
						84.0,
						22.0
					],
					"text": "zl.slice 1"
				}
			},
			{
				"box": {
					"id": "obj-200",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						1460.0,
						140.0,
						42.0,
						22.0
					],
					"text": "== 1"
				}
			},
			{
				"box": {
					"id": "obj-201",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1460.0,
						170.0,
						70.0,
						22.0
					],
					"text": "gate 1 0"
				}
			},
			{
				"box": {
					"id": "obj-202",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 7,
					"outlettype": [
						"int",
						"",
						"int",
						"float",
						"int",
						"",
						""
					],
					"patching_rect": [
						1460.0,
						200.0,
						161.0,
						22.0
					],
					"text": "unpack 0 s 0 0. 0 s s"
				}
			},
			{
				"box": {
					"id": "obj-203",
					"maxclass": "newobj",
					"numinlets": 4,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1460.0,
						230.0,
						329.0,
						22.0
					],
					"text": "sprintf set seed %ld | %.2f s | take %ld | %s"
				}
			},
			{
				"box": {
					"id": "obj-204",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1460.0,
						260.0,
						56.0,
						22.0
					],
					"text": "zl.reg"
				}
			},
			{
				"box": {
					"id": "obj-205",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1460.0,
						290.0,
						56.0,
						22.0
					],
					"text": "zl.reg"
				}
			},
			{
				"box": {
					"id": "obj-206",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1460.0,
						320.0,
						49.0,
						22.0
					],
					"text": "t s s"
				}
			},
			{
				"box": {
					"id": "obj-207",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1460.0,
						350.0,
						91.0,
						22.0
					],
					"text": "prepend set"
				}
			},
			{
				"box": {
					"id": "obj-208",
					"maxclass": "newobj",
					"numinlets": 3,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1460.0,
						380.0,
						84.0,
						22.0
					],
					"text": "pack s 0 0"
				}
			},
			{
				"box": {
					"id": "obj-209",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1460.0,
						410.0,
						49.0,
						22.0
					],
					"text": "t s s"
				}
			},
			{
				"box": {
					"id": "obj-210",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						1460.0,
						440.0,
						49.0,
						22.0
					],
					"text": "t b s"
				}
			},
			{
				"box": {
					"id": "obj-211",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1460.0,
						470.0,
						70.0,
						22.0
					],
					"text": "gate 2 1"
				}
			},
			{
				"box": {
					"id": "obj-212",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						"int"
					],
					"patching_rect": [
						1460.0,
						500.0,
						182.0,
						22.0
					],
					"text": "conformpath max absolute"
				}
			},
			{
				"box": {
					"id": "obj-213",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1460.0,
						530.0,
						119.0,
						22.0
					],
					"text": "prepend replace"
				}
			},
			{
				"box": {
					"id": "obj-214",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1460.0,
						560.0,
						70.0,
						22.0
					],
					"text": "deferlow"
				}
			},
			{
				"box": {
					"id": "obj-215",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1460.0,
						590.0,
						70.0,
						22.0
					],
					"text": "gate 1 0"
				}
			},
			{
				"box": {
					"id": "obj-216",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1460.0,
						620.0,
						30.0,
						22.0
					],
					"text": "0"
				}
			},
			{
				"box": {
					"id": "obj-217",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1460.0,
						650.0,
						30.0,
						22.0
					],
					"text": "1"
				}
			},
			{
				"box": {
					"id": "obj-218",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						1700.0,
						20.0,
						420.0,
						22.0
					],
					"text": "swap: now, on the next bar (Bar), or when Hold is released"
				}
			},
			{
				"box": {
					"id": "obj-219",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"float",
						"bang"
					],
					"patching_rect": [
						1700.0,
						50.0,
						175.0,
						22.0
					],
					"text": "buffer~ ---fragA 1000 2"
				}
			},
			{
				"box": {
					"id": "obj-220",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"float",
						"bang"
					],
					"patching_rect": [
						1700.0,
						80.0,
						175.0,
						22.0
					],
					"text": "buffer~ ---fragB 1000 2"
				}
			},
			{
				"box": {
					"id": "obj-221",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1700.0,
						110.0,
						70.0,
						22.0
					],
					"text": "gate 1 0"
				}
			},
			{
				"box": {
					"id": "obj-222",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1700.0,
						140.0,
						70.0,
						22.0
					],
					"text": "gate 1 0"
				}
			},
			{
				"box": {
					"id": "obj-223",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"bang",
						"bang",
						"bang"
					],
					"patching_rect": [
						1700.0,
						170.0,
						63.0,
						22.0
					],
					"text": "t b b b"
				}
			},
			{
				"box": {
					"id": "obj-224",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1700.0,
						200.0,
						30.0,
						22.0
					],
					"text": "0"
				}
			},
			{
				"box": {
					"id": "obj-225",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						1700.0,
						230.0,
						30.0,
						22.0
					],
					"text": "i"
				}
			},
			{
				"box": {
					"id": "obj-226",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						1700.0,
						260.0,
						30.0,
						22.0
					],
					"text": "i"
				}
			},
			{
				"box": {
					"id": "obj-227",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1700.0,
						290.0,
						30.0,
						22.0
					],
					"text": "1"
				}
			},
			{
				"box": {
					"id": "obj-228",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1700.0,
						320.0,
						70.0,
						22.0
					],
					"text": "gate 1 0"
				}
			},
			{
				"box": {
					"id": "obj-229",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1700.0,
						350.0,
						30.0,
						22.0
					],
					"text": "0"
				}
			},
			{
				"box": {
					"id": "obj-230",
					"maxclass": "newobj",
					"numinlets": 4,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1700.0,
						380.0,
						462.0,
						22.0
					],
					"text": "expr $i1 * ((1 - $i2) + $i2 * ((1 - $i3) * (1 + $i4) + $i3 * 3))"
				}
			},
			{
				"box": {
					"id": "obj-231",
					"maxclass": "newobj",
					"numinlets": 4,
					"numoutlets": 4,
					"outlettype": [
						"bang",
						"bang",
						"bang",
						""
					],
					"patching_rect": [
						1700.0,
						410.0,
						77.0,
						22.0
					],
					"text": "sel 1 2 3"
				}
			},
			{
				"box": {
					"id": "obj-232",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						"bang"
					],
					"patching_rect": [
						1700.0,
						440.0,
						35.0,
						22.0
					],
					"text": "t b"
				}
			},
			{
				"box": {
					"id": "obj-233",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						"bang"
					],
					"patching_rect": [
						1700.0,
						470.0,
						49.0,
						22.0
					],
					"text": "t b b"
				}
			},
			{
				"box": {
					"id": "obj-234",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1700.0,
						500.0,
						30.0,
						22.0
					],
					"text": "1"
				}
			},
			{
				"box": {
					"id": "obj-235",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1700.0,
						530.0,
						259.0,
						22.0
					],
					"text": "set new take waits for the next bar"
				}
			},
			{
				"box": {
					"id": "obj-236",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1700.0,
						560.0,
						315.0,
						22.0
					],
					"text": "set new take held - release Hold to hear it"
				}
			},
			{
				"box": {
					"id": "obj-237",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						1700.0,
						590.0,
						49.0,
						22.0
					],
					"text": "sel 1"
				}
			},
			{
				"box": {
					"id": "obj-238",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 4,
					"outlettype": [
						"bang",
						"bang",
						"bang",
						"bang"
					],
					"patching_rect": [
						1700.0,
						620.0,
						77.0,
						22.0
					],
					"text": "t b b b b"
				}
			},
			{
				"box": {
					"id": "obj-239",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						1700.0,
						650.0,
						30.0,
						22.0
					],
					"text": "i"
				}
			},
			{
				"box": {
					"id": "obj-240",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						1700.0,
						680.0,
						42.0,
						22.0
					],
					"text": "!- 1"
				}
			},
			{
				"box": {
					"id": "obj-241",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 5,
					"outlettype": [
						"int",
						"int",
						"int",
						"int",
						"int"
					],
					"patching_rect": [
						1700.0,
						710.0,
						91.0,
						22.0
					],
					"text": "t i i i i i"
				}
			},
			{
				"box": {
					"id": "obj-242",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1700.0,
						740.0,
						56.0,
						22.0
					],
					"text": "zl.reg"
				}
			},
			{
				"box": {
					"id": "obj-243",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						1700.0,
						770.0,
						56.0,
						22.0
					],
					"text": "zl.reg"
				}
			},
			{
				"box": {
					"id": "obj-244",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						1700.0,
						800.0,
						30.0,
						22.0
					],
					"text": "i"
				}
			},
			{
				"box": {
					"id": "obj-245",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"bang",
						"bang",
						"int"
					],
					"patching_rect": [
						1700.0,
						830.0,
						63.0,
						22.0
					],
					"text": "t b b 1"
				}
			},
			{
				"box": {
					"id": "obj-246",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						"bang"
					],
					"patching_rect": [
						1700.0,
						860.0,
						35.0,
						22.0
					],
					"text": "t b"
				}
			},
			{
				"box": {
					"id": "obj-247",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1700.0,
						890.0,
						98.0,
						22.0
					],
					"text": "expr 2 - $i1"
				}
			},
			{
				"box": {
					"id": "obj-248",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						1700.0,
						920.0,
						42.0,
						22.0
					],
					"text": "== 0"
				}
			},
			{
				"box": {
					"id": "obj-249",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						1700.0,
						950.0,
						35.0,
						22.0
					],
					"text": "+ 1"
				}
			},
			{
				"box": {
					"id": "obj-250",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						1940.0,
						20.0,
						476.0,
						22.0
					],
					"text": "transport: plugsync~ bar count; armed actions fire on the next bar"
				}
			},
			{
				"box": {
					"id": "obj-251",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 9,
					"outlettype": [
						"int",
						"int",
						"int",
						"float",
						"list",
						"float",
						"float",
						"int",
						"int"
					],
					"patching_rect": [
						1940.0,
						50.0,
						77.0,
						22.0
					],
					"text": "plugsync~"
				}
			},
			{
				"box": {
					"id": "obj-252",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"",
						"int",
						"int"
					],
					"patching_rect": [
						1940.0,
						80.0,
						56.0,
						22.0
					],
					"text": "change"
				}
			},
			{
				"box": {
					"id": "obj-253",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"int",
						"int"
					],
					"patching_rect": [
						1940.0,
						110.0,
						49.0,
						22.0
					],
					"text": "t i i"
				}
			},
			{
				"box": {
					"id": "obj-254",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						1940.0,
						140.0,
						30.0,
						22.0
					],
					"text": "i"
				}
			},
			{
				"box": {
					"id": "obj-255",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1940.0,
						170.0,
						63.0,
						22.0
					],
					"text": "pak 0 0"
				}
			},
			{
				"box": {
					"id": "obj-256",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1940.0,
						200.0,
						119.0,
						22.0
					],
					"text": "expr $i1 && $i2"
				}
			},
			{
				"box": {
					"id": "obj-257",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"int",
						"int"
					],
					"patching_rect": [
						1940.0,
						230.0,
						49.0,
						22.0
					],
					"text": "t i i"
				}
			},
			{
				"box": {
					"id": "obj-258",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						1940.0,
						260.0,
						35.0,
						22.0
					],
					"text": "+ 1"
				}
			},
			{
				"box": {
					"id": "obj-259",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"",
						"int",
						"int"
					],
					"patching_rect": [
						1940.0,
						290.0,
						56.0,
						22.0
					],
					"text": "change"
				}
			},
			{
				"box": {
					"id": "obj-260",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"bang",
						"bang",
						"bang"
					],
					"patching_rect": [
						1940.0,
						320.0,
						63.0,
						22.0
					],
					"text": "t b b b"
				}
			},
			{
				"box": {
					"id": "obj-261",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						1940.0,
						350.0,
						49.0,
						22.0
					],
					"text": "sel 0"
				}
			},
			{
				"box": {
					"id": "obj-262",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						"bang"
					],
					"patching_rect": [
						1940.0,
						380.0,
						49.0,
						22.0
					],
					"text": "t b b"
				}
			},
			{
				"box": {
					"id": "obj-263",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1940.0,
						410.0,
						70.0,
						22.0
					],
					"text": "gate 1 0"
				}
			},
			{
				"box": {
					"id": "obj-264",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						1940.0,
						440.0,
						70.0,
						22.0
					],
					"text": "gate 1 0"
				}
			},
			{
				"box": {
					"id": "obj-265",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						2180.0,
						20.0,
						322.0,
						22.0
					],
					"text": "playback: Play, Stop, MIDI notes, Loop, Hold"
				}
			},
			{
				"box": {
					"id": "obj-266",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						2180.0,
						50.0,
						30.0,
						22.0
					],
					"text": "i"
				}
			},
			{
				"box": {
					"id": "obj-267",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"int",
						"int"
					],
					"patching_rect": [
						2180.0,
						80.0,
						49.0,
						22.0
					],
					"text": "t i i"
				}
			},
			{
				"box": {
					"id": "obj-268",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2180.0,
						110.0,
						30.0,
						22.0
					],
					"text": "0"
				}
			},
			{
				"box": {
					"id": "obj-269",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"signal",
						"bang"
					],
					"patching_rect": [
						2180.0,
						140.0,
						49.0,
						22.0
					],
					"text": "line~"
				}
			},
			{
				"box": {
					"id": "obj-270",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"bang",
						"bang",
						"int"
					],
					"patching_rect": [
						2180.0,
						170.0,
						63.0,
						22.0
					],
					"text": "t b b 1"
				}
			},
			{
				"box": {
					"id": "obj-271",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2180.0,
						200.0,
						35.0,
						22.0
					],
					"text": "1 5"
				}
			},
			{
				"box": {
					"id": "obj-272",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2180.0,
						230.0,
						91.0,
						22.0
					],
					"text": "set playing"
				}
			},
			{
				"box": {
					"id": "obj-273",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"bang",
						"bang",
						"int"
					],
					"patching_rect": [
						2180.0,
						260.0,
						63.0,
						22.0
					],
					"text": "t b b 0"
				}
			},
			{
				"box": {
					"id": "obj-274",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2180.0,
						290.0,
						42.0,
						22.0
					],
					"text": "0 20"
				}
			},
			{
				"box": {
					"id": "obj-275",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2180.0,
						320.0,
						91.0,
						22.0
					],
					"text": "set stopped"
				}
			},
			{
				"box": {
					"id": "obj-276",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						2180.0,
						350.0,
						70.0,
						22.0
					],
					"text": "gate 2 1"
				}
			},
			{
				"box": {
					"id": "obj-277",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"bang",
						"bang",
						"bang"
					],
					"patching_rect": [
						2180.0,
						380.0,
						63.0,
						22.0
					],
					"text": "t b b b"
				}
			},
			{
				"box": {
					"id": "obj-278",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2180.0,
						410.0,
						30.0,
						22.0
					],
					"text": "0"
				}
			},
			{
				"box": {
					"id": "obj-279",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2180.0,
						440.0,
						30.0,
						22.0
					],
					"text": "1"
				}
			},
			{
				"box": {
					"id": "obj-280",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2180.0,
						470.0,
						182.0,
						22.0
					],
					"text": "set play on the next bar"
				}
			},
			{
				"box": {
					"id": "obj-281",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						"bang"
					],
					"patching_rect": [
						2180.0,
						500.0,
						49.0,
						22.0
					],
					"text": "t b b"
				}
			},
			{
				"box": {
					"id": "obj-282",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2180.0,
						530.0,
						30.0,
						22.0
					],
					"text": "0"
				}
			},
			{
				"box": {
					"id": "obj-283",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						2180.0,
						560.0,
						70.0,
						22.0
					],
					"text": "gate 2 1"
				}
			},
			{
				"box": {
					"id": "obj-284",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"bang",
						"bang",
						"bang"
					],
					"patching_rect": [
						2180.0,
						590.0,
						63.0,
						22.0
					],
					"text": "t b b b"
				}
			},
			{
				"box": {
					"id": "obj-285",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2180.0,
						620.0,
						30.0,
						22.0
					],
					"text": "0"
				}
			},
			{
				"box": {
					"id": "obj-286",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2180.0,
						650.0,
						30.0,
						22.0
					],
					"text": "1"
				}
			},
			{
				"box": {
					"id": "obj-287",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2180.0,
						680.0,
						182.0,
						22.0
					],
					"text": "set stop on the next bar"
				}
			},
			{
				"box": {
					"id": "obj-288",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						"bang"
					],
					"patching_rect": [
						2180.0,
						710.0,
						49.0,
						22.0
					],
					"text": "t b b"
				}
			},
			{
				"box": {
					"id": "obj-289",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2180.0,
						740.0,
						30.0,
						22.0
					],
					"text": "0"
				}
			},
			{
				"box": {
					"id": "obj-290",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						2180.0,
						770.0,
						49.0,
						22.0
					],
					"text": "sel 1"
				}
			},
			{
				"box": {
					"id": "obj-291",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						2180.0,
						800.0,
						49.0,
						22.0
					],
					"text": "sel 1"
				}
			},
			{
				"box": {
					"id": "obj-292",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"int",
						"int",
						"int"
					],
					"patching_rect": [
						2180.0,
						830.0,
						56.0,
						22.0
					],
					"text": "notein"
				}
			},
			{
				"box": {
					"id": "obj-293",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						2180.0,
						860.0,
						49.0,
						22.0
					],
					"text": "sel 0"
				}
			},
			{
				"box": {
					"id": "obj-294",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"bang",
						"int",
						"int"
					],
					"patching_rect": [
						2180.0,
						890.0,
						63.0,
						22.0
					],
					"text": "t b i i"
				}
			},
			{
				"box": {
					"id": "obj-295",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						2180.0,
						920.0,
						49.0,
						22.0
					],
					"text": "sel 1"
				}
			},
			{
				"box": {
					"id": "obj-296",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2180.0,
						950.0,
						63.0,
						22.0
					],
					"text": "loop $1"
				}
			},
			{
				"box": {
					"id": "obj-297",
					"maxclass": "newobj",
					"numinlets": 3,
					"numoutlets": 3,
					"outlettype": [
						"bang",
						"bang",
						""
					],
					"patching_rect": [
						2180.0,
						980.0,
						63.0,
						22.0
					],
					"text": "sel 0 1"
				}
			},
			{
				"box": {
					"id": "obj-298",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2180.0,
						1010.0,
						238.0,
						22.0
					],
					"text": "set new take loaded - press Play"
				}
			},
			{
				"box": {
					"id": "obj-299",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						"bang"
					],
					"patching_rect": [
						2180.0,
						1040.0,
						49.0,
						22.0
					],
					"text": "t b b"
				}
			},
			{
				"box": {
					"id": "obj-300",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2180.0,
						1070.0,
						30.0,
						22.0
					],
					"text": "0"
				}
			},
			{
				"box": {
					"id": "obj-301",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2180.0,
						1100.0,
						154.0,
						22.0
					],
					"text": "set new take playing"
				}
			},
			{
				"box": {
					"id": "obj-302",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						2420.0,
						20.0,
						553.0,
						22.0
					],
					"text": "audio: two players, 10 ms crossfade, play envelope, gain, track audio through"
				}
			},
			{
				"box": {
					"id": "obj-303",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						"signal"
					],
					"patching_rect": [
						2420.0,
						50.0,
						56.0,
						22.0
					],
					"text": "sig~ 1"
				}
			},
			{
				"box": {
					"id": "obj-304",
					"maxclass": "newobj",
					"numinlets": 3,
					"numoutlets": 3,
					"outlettype": [
						"signal",
						"signal",
						"signal"
					],
					"patching_rect": [
						2420.0,
						80.0,
						140.0,
						22.0
					],
					"text": "groove~ ---fragA 2"
				}
			},
			{
				"box": {
					"id": "obj-305",
					"maxclass": "newobj",
					"numinlets": 3,
					"numoutlets": 3,
					"outlettype": [
						"signal",
						"signal",
						"signal"
					],
					"patching_rect": [
						2420.0,
						110.0,
						140.0,
						22.0
					],
					"text": "groove~ ---fragB 2"
				}
			},
			{
				"box": {
					"id": "obj-306",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						2420.0,
						140.0,
						70.0,
						22.0
					],
					"text": "gate 2 1"
				}
			},
			{
				"box": {
					"id": "obj-307",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"signal",
						"bang"
					],
					"patching_rect": [
						2420.0,
						170.0,
						49.0,
						22.0
					],
					"text": "line~"
				}
			},
			{
				"box": {
					"id": "obj-308",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						2420.0,
						200.0,
						42.0,
						22.0
					],
					"text": "== 0"
				}
			},
			{
				"box": {
					"id": "obj-309",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2420.0,
						230.0,
						49.0,
						22.0
					],
					"text": "$1 10"
				}
			},
			{
				"box": {
					"id": "obj-310",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"signal",
						"bang"
					],
					"patching_rect": [
						2420.0,
						260.0,
						49.0,
						22.0
					],
					"text": "line~"
				}
			},
			{
				"box": {
					"id": "obj-311",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						2420.0,
						290.0,
						42.0,
						22.0
					],
					"text": "== 1"
				}
			},
			{
				"box": {
					"id": "obj-312",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2420.0,
						320.0,
						49.0,
						22.0
					],
					"text": "$1 10"
				}
			},
			{
				"box": {
					"id": "obj-313",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"signal"
					],
					"patching_rect": [
						2420.0,
						350.0,
						30.0,
						22.0
					],
					"text": "+~"
				}
			},
			{
				"box": {
					"id": "obj-314",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"signal"
					],
					"patching_rect": [
						2420.0,
						380.0,
						30.0,
						22.0
					],
					"text": "+~"
				}
			},
			{
				"box": {
					"id": "obj-315",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"signal"
					],
					"patching_rect": [
						2420.0,
						410.0,
						30.0,
						22.0
					],
					"text": "*~"
				}
			},
			{
				"box": {
					"id": "obj-316",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"signal"
					],
					"patching_rect": [
						2420.0,
						440.0,
						30.0,
						22.0
					],
					"text": "*~"
				}
			},
			{
				"box": {
					"id": "obj-317",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"signal"
					],
					"patching_rect": [
						2420.0,
						470.0,
						30.0,
						22.0
					],
					"text": "*~"
				}
			},
			{
				"box": {
					"id": "obj-318",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"signal"
					],
					"patching_rect": [
						2420.0,
						500.0,
						30.0,
						22.0
					],
					"text": "*~"
				}
			},
			{
				"box": {
					"id": "obj-319",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"signal",
						"signal"
					],
					"patching_rect": [
						2420.0,
						530.0,
						63.0,
						22.0
					],
					"text": "plugin~"
				}
			},
			{
				"box": {
					"id": "obj-320",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"signal",
						"signal"
					],
					"patching_rect": [
						2420.0,
						560.0,
						70.0,
						22.0
					],
					"text": "plugout~"
				}
			},
			{
				"box": {
					"id": "obj-321",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"signal"
					],
					"patching_rect": [
						2420.0,
						590.0,
						30.0,
						22.0
					],
					"text": "*~"
				}
			},
			{
				"box": {
					"id": "obj-322",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"signal"
					],
					"patching_rect": [
						2420.0,
						620.0,
						30.0,
						22.0
					],
					"text": "+~"
				}
			},
			{
				"box": {
					"id": "obj-323",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"signal"
					],
					"patching_rect": [
						2420.0,
						650.0,
						30.0,
						22.0
					],
					"text": "*~"
				}
			},
			{
				"box": {
					"id": "obj-324",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"signal"
					],
					"patching_rect": [
						2420.0,
						680.0,
						30.0,
						22.0
					],
					"text": "+~"
				}
			},
			{
				"box": {
					"id": "obj-325",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						2660.0,
						20.0,
						462.0,
						22.0
					],
					"text": "to clip: copy the playing take to a file, then create_audio_clip"
				}
			},
			{
				"box": {
					"id": "obj-326",
					"maxclass": "newobj",
					"numinlets": 3,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						50.0,
						84.0,
						22.0
					],
					"text": "pack 0 0 0"
				}
			},
			{
				"box": {
					"id": "obj-327",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						2660.0,
						80.0,
						30.0,
						22.0
					],
					"text": "i"
				}
			},
			{
				"box": {
					"id": "obj-328",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"int",
						"int"
					],
					"patching_rect": [
						2660.0,
						110.0,
						49.0,
						22.0
					],
					"text": "t i i"
				}
			},
			{
				"box": {
					"id": "obj-329",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						2660.0,
						140.0,
						35.0,
						22.0
					],
					"text": "- 1"
				}
			},
			{
				"box": {
					"id": "obj-330",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						2660.0,
						170.0,
						30.0,
						22.0
					],
					"text": "i"
				}
			},
			{
				"box": {
					"id": "obj-331",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"int"
					],
					"patching_rect": [
						2660.0,
						200.0,
						35.0,
						22.0
					],
					"text": "- 1"
				}
			},
			{
				"box": {
					"id": "obj-332",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						2660.0,
						230.0,
						49.0,
						22.0
					],
					"text": "sel 1"
				}
			},
			{
				"box": {
					"id": "obj-333",
					"maxclass": "newobj",
					"numinlets": 3,
					"numoutlets": 3,
					"outlettype": [
						"bang",
						"bang",
						""
					],
					"patching_rect": [
						2660.0,
						260.0,
						63.0,
						22.0
					],
					"text": "sel 0 1"
				}
			},
			{
				"box": {
					"id": "obj-334",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						290.0,
						168.0,
						22.0
					],
					"text": "set no take loaded yet"
				}
			},
			{
				"box": {
					"id": "obj-335",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						320.0,
						70.0,
						22.0
					],
					"text": "deferlow"
				}
			},
			{
				"box": {
					"id": "obj-336",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"bang",
						"bang",
						"bang"
					],
					"patching_rect": [
						2660.0,
						350.0,
						63.0,
						22.0
					],
					"text": "t b b b"
				}
			},
			{
				"box": {
					"id": "obj-337",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"",
						"",
						""
					],
					"patching_rect": [
						2660.0,
						380.0,
						77.0,
						22.0
					],
					"text": "live.path"
				}
			},
			{
				"box": {
					"id": "obj-338",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						2660.0,
						410.0,
						63.0,
						22.0
					],
					"text": "route 0"
				}
			},
			{
				"box": {
					"id": "obj-339",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						440.0,
						343.0,
						22.0
					],
					"text": "path this_device canonical_parent clip_slots $2"
				}
			},
			{
				"box": {
					"id": "obj-340",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						470.0,
						273.0,
						22.0
					],
					"text": "path live_set tracks $2 clip_slots $3"
				}
			},
			{
				"box": {
					"id": "obj-341",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						500.0,
						91.0,
						22.0
					],
					"text": "live.object"
				}
			},
			{
				"box": {
					"id": "obj-342",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						2660.0,
						530.0,
						70.0,
						22.0
					],
					"text": "route id"
				}
			},
			{
				"box": {
					"id": "obj-343",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						560.0,
						84.0,
						22.0
					],
					"text": "prepend id"
				}
			},
			{
				"box": {
					"id": "obj-344",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						""
					],
					"patching_rect": [
						2660.0,
						590.0,
						49.0,
						22.0
					],
					"text": "sel 0"
				}
			},
			{
				"box": {
					"id": "obj-345",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						620.0,
						350.0,
						22.0
					],
					"text": "set no such track or scene (tracks count from 1)"
				}
			},
			{
				"box": {
					"id": "obj-346",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						2660.0,
						650.0,
						70.0,
						22.0
					],
					"text": "gate 2 1"
				}
			},
			{
				"box": {
					"id": "obj-347",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						680.0,
						30.0,
						22.0
					],
					"text": "1"
				}
			},
			{
				"box": {
					"id": "obj-348",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						710.0,
						98.0,
						22.0
					],
					"text": "get has_clip"
				}
			},
			{
				"box": {
					"id": "obj-349",
					"maxclass": "newobj",
					"numinlets": 3,
					"numoutlets": 3,
					"outlettype": [
						"",
						"",
						""
					],
					"patching_rect": [
						2660.0,
						740.0,
						147.0,
						22.0
					],
					"text": "route has_clip clip"
				}
			},
			{
				"box": {
					"id": "obj-350",
					"maxclass": "newobj",
					"numinlets": 3,
					"numoutlets": 3,
					"outlettype": [
						"bang",
						"bang",
						""
					],
					"patching_rect": [
						2660.0,
						770.0,
						63.0,
						22.0
					],
					"text": "sel 0 1"
				}
			},
			{
				"box": {
					"id": "obj-351",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						800.0,
						231.0,
						22.0
					],
					"text": "set that clip slot is not empty"
				}
			},
			{
				"box": {
					"id": "obj-352",
					"maxclass": "newobj",
					"numinlets": 3,
					"numoutlets": 3,
					"outlettype": [
						"bang",
						"bang",
						""
					],
					"patching_rect": [
						2660.0,
						830.0,
						63.0,
						22.0
					],
					"text": "sel 0 1"
				}
			},
			{
				"box": {
					"id": "obj-353",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						860.0,
						364.0,
						22.0
					],
					"text": "set no clip: needs Live 12.0.5+ and an audio track"
				}
			},
			{
				"box": {
					"id": "obj-354",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 4,
					"outlettype": [
						"bang",
						"bang",
						"bang",
						"bang"
					],
					"patching_rect": [
						2660.0,
						890.0,
						77.0,
						22.0
					],
					"text": "t b b b b"
				}
			},
			{
				"box": {
					"id": "obj-355",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"",
						"int",
						"int"
					],
					"patching_rect": [
						2660.0,
						920.0,
						98.0,
						22.0
					],
					"text": "unpack s 0 0"
				}
			},
			{
				"box": {
					"id": "obj-356",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						950.0,
						217.0,
						22.0
					],
					"text": "sprintf symout %s-take%ld.wav"
				}
			},
			{
				"box": {
					"id": "obj-357",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						980.0,
						210.0,
						22.0
					],
					"text": "sprintf symout %s - seed %ld"
				}
			},
			{
				"box": {
					"id": "obj-358",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						1010.0,
						70.0,
						22.0
					],
					"text": "tosymbol"
				}
			},
			{
				"box": {
					"id": "obj-359",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						2660.0,
						1040.0,
						56.0,
						22.0
					],
					"text": "zl.reg"
				}
			},
			{
				"box": {
					"id": "obj-360",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						2660.0,
						1070.0,
						49.0,
						22.0
					],
					"text": "t s s"
				}
			},
			{
				"box": {
					"id": "obj-361",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						2660.0,
						1100.0,
						56.0,
						22.0
					],
					"text": "zl.reg"
				}
			},
			{
				"box": {
					"id": "obj-362",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						1130.0,
						224.0,
						22.0
					],
					"text": "prepend call create_audio_clip"
				}
			},
			{
				"box": {
					"id": "obj-363",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 2,
					"outlettype": [
						"",
						""
					],
					"patching_rect": [
						2660.0,
						1160.0,
						70.0,
						22.0
					],
					"text": "gate 2 1"
				}
			},
			{
				"box": {
					"id": "obj-364",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"",
						"int"
					],
					"patching_rect": [
						2660.0,
						1190.0,
						182.0,
						22.0
					],
					"text": "conformpath max absolute"
				}
			},
			{
				"box": {
					"id": "obj-365",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						1220.0,
						133.0,
						22.0
					],
					"text": "prepend writewave"
				}
			},
			{
				"box": {
					"id": "obj-366",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						1250.0,
						30.0,
						22.0
					],
					"text": "2"
				}
			},
			{
				"box": {
					"id": "obj-367",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						"bang"
					],
					"patching_rect": [
						2660.0,
						1280.0,
						77.0,
						22.0
					],
					"text": "delay 300"
				}
			},
			{
				"box": {
					"id": "obj-368",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"bang",
						"bang"
					],
					"patching_rect": [
						2660.0,
						1310.0,
						49.0,
						22.0
					],
					"text": "t b b"
				}
			},
			{
				"box": {
					"id": "obj-369",
					"maxclass": "newobj",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						1340.0,
						91.0,
						22.0
					],
					"text": "live.object"
				}
			},
			{
				"box": {
					"id": "obj-370",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"bang",
						"bang",
						"bang"
					],
					"patching_rect": [
						2660.0,
						1370.0,
						63.0,
						22.0
					],
					"text": "t b b b"
				}
			},
			{
				"box": {
					"id": "obj-371",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						1400.0,
						70.0,
						22.0
					],
					"text": "get clip"
				}
			},
			{
				"box": {
					"id": "obj-372",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						1430.0,
						91.0,
						22.0
					],
					"text": "set name $1"
				}
			},
			{
				"box": {
					"id": "obj-373",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						2660.0,
						1460.0,
						189.0,
						22.0
					],
					"text": "set sent to the clip slot"
				}
			},
			{
				"box": {
					"id": "obj-374",
					"maxclass": "comment",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						20.0,
						700.0,
						322.0,
						22.0
					],
					"text": "start: once Live has restored the parameters"
				}
			},
			{
				"box": {
					"id": "obj-375",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						20.0,
						730.0,
						140.0,
						22.0
					],
					"text": "maxpacketsize 8192"
				}
			},
			{
				"box": {
					"id": "obj-376",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						20.0,
						760.0,
						30.0,
						22.0
					],
					"text": "0"
				}
			},
			{
				"box": {
					"id": "obj-377",
					"maxclass": "message",
					"numinlets": 2,
					"numoutlets": 1,
					"outlettype": [
						""
					],
					"patching_rect": [
						20.0,
						790.0,
						30.0,
						22.0
					],
					"text": "1"
				}
			},
			{
				"box": {
					"id": "obj-378",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 3,
					"outlettype": [
						"bang",
						"int",
						"int"
					],
					"patching_rect": [
						20.0,
						820.0,
						119.0,
						22.0
					],
					"text": "live.thisdevice"
				}
			},
			{
				"box": {
					"id": "obj-379",
					"maxclass": "newobj",
					"numinlets": 1,
					"numoutlets": 13,
					"outlettype": [
						"bang",
						"bang",
						"bang",
						"bang",
						"bang",
						"bang",
						"bang",
						"bang",
						"bang",
						"bang",
						"bang",
						"bang",
						"bang"
					],
					"patching_rect": [
						20.0,
						850.0,
						203.0,
						22.0
					],
					"text": "t b b b b b b b b b b b b b"
				}
			}
		],
		"classnamespace": "box",
		"default_fontface": 0,
		"default_fontname": "Arial",
		"default_fontsize": 10.0,
		"dependency_cache": [],
		"description": "fragmentd slot: prompts over OSC, plays the slot file",
		"devicewidth": 640.0,
		"digest": "fragmentd slot device",
		"fileversion": 1,
		"gridonopen": 1,
		"gridsize": [
			8.0,
			8.0
		],
		"gridsnaponopen": 1,
		"is_mpe": 0,
		"latency": 0,
		"lines": [
			{
				"patchline": {
					"destination": [
						"obj-46",
						0
					],
					"source": [
						"obj-6",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-47",
						0
					],
					"source": [
						"obj-46",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-48",
						0
					],
					"source": [
						"obj-47",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-49",
						0
					],
					"source": [
						"obj-48",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-44",
						0
					],
					"source": [
						"obj-49",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-50",
						0
					],
					"source": [
						"obj-48",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-51",
						0
					],
					"source": [
						"obj-8",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-52",
						0
					],
					"source": [
						"obj-51",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-53",
						0
					],
					"source": [
						"obj-52",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-44",
						0
					],
					"source": [
						"obj-53",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-50",
						0
					],
					"source": [
						"obj-52",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-54",
						0
					],
					"source": [
						"obj-4",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-55",
						0
					],
					"source": [
						"obj-54",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-56",
						0
					],
					"source": [
						"obj-55",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-2",
						0
					],
					"source": [
						"obj-56",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-57",
						0
					],
					"source": [
						"obj-10",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-58",
						0
					],
					"source": [
						"obj-57",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-58",
						1
					],
					"source": [
						"obj-55",
						3
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-59",
						0
					],
					"source": [
						"obj-58",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-60",
						0
					],
					"source": [
						"obj-59",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-61",
						0
					],
					"source": [
						"obj-60",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-62",
						0
					],
					"source": [
						"obj-61",
						3
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-45",
						0
					],
					"source": [
						"obj-62",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-63",
						0
					],
					"source": [
						"obj-61",
						3
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-11",
						0
					],
					"source": [
						"obj-63",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-65",
						0
					],
					"source": [
						"obj-61",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-67",
						0
					],
					"source": [
						"obj-65",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-68",
						0
					],
					"source": [
						"obj-67",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-44",
						0
					],
					"source": [
						"obj-68",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-65",
						1
					],
					"source": [
						"obj-61",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-66",
						1
					],
					"source": [
						"obj-61",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-50",
						0
					],
					"source": [
						"obj-61",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-66",
						0
					],
					"source": [
						"obj-50",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-69",
						0
					],
					"source": [
						"obj-66",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-70",
						0
					],
					"source": [
						"obj-69",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-44",
						0
					],
					"source": [
						"obj-70",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-50",
						0
					],
					"source": [
						"obj-71",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-72",
						0
					],
					"source": [
						"obj-45",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-73",
						0
					],
					"source": [
						"obj-72",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-75",
						0
					],
					"source": [
						"obj-73",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-74",
						1
					],
					"source": [
						"obj-75",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-76",
						0
					],
					"source": [
						"obj-73",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-77",
						0
					],
					"source": [
						"obj-76",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-77",
						1
					],
					"source": [
						"obj-66",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-78",
						0
					],
					"source": [
						"obj-77",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-74",
						0
					],
					"source": [
						"obj-78",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-79",
						0
					],
					"source": [
						"obj-74",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-80",
						0
					],
					"source": [
						"obj-79",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-81",
						0
					],
					"source": [
						"obj-80",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-12",
						0
					],
					"source": [
						"obj-81",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-82",
						0
					],
					"source": [
						"obj-79",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-83",
						0
					],
					"source": [
						"obj-82",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-85",
						0
					],
					"source": [
						"obj-83",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-84",
						1
					],
					"source": [
						"obj-85",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-86",
						0
					],
					"source": [
						"obj-83",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-12",
						0
					],
					"source": [
						"obj-86",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-84",
						0
					],
					"source": [
						"obj-79",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-87",
						0
					],
					"source": [
						"obj-84",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-88",
						0
					],
					"source": [
						"obj-87",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-89",
						0
					],
					"source": [
						"obj-88",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-84",
						1
					],
					"source": [
						"obj-89",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-90",
						0
					],
					"source": [
						"obj-88",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-44",
						0
					],
					"source": [
						"obj-90",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-92",
						1
					],
					"source": [
						"obj-55",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-92",
						0
					],
					"source": [
						"obj-88",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-91",
						0
					],
					"source": [
						"obj-92",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-91",
						0
					],
					"source": [
						"obj-55",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-44",
						0
					],
					"source": [
						"obj-91",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-93",
						0
					],
					"source": [
						"obj-72",
						7
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-26",
						0
					],
					"source": [
						"obj-93",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-94",
						1
					],
					"source": [
						"obj-55",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-95",
						0
					],
					"source": [
						"obj-24",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-94",
						0
					],
					"source": [
						"obj-95",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-96",
						0
					],
					"source": [
						"obj-94",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-44",
						0
					],
					"source": [
						"obj-96",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-99",
						0
					],
					"source": [
						"obj-72",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-100",
						0
					],
					"source": [
						"obj-99",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-15",
						0
					],
					"source": [
						"obj-100",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-101",
						0
					],
					"source": [
						"obj-99",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-102",
						0
					],
					"source": [
						"obj-101",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-103",
						0
					],
					"source": [
						"obj-102",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-104",
						0
					],
					"source": [
						"obj-103",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-15",
						0
					],
					"source": [
						"obj-104",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-105",
						0
					],
					"source": [
						"obj-99",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-107",
						0
					],
					"source": [
						"obj-105",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-106",
						0
					],
					"source": [
						"obj-107",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-98",
						0
					],
					"source": [
						"obj-105",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-108",
						0
					],
					"source": [
						"obj-105",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-106",
						0
					],
					"source": [
						"obj-108",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-106",
						1
					],
					"source": [
						"obj-98",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-109",
						0
					],
					"source": [
						"obj-106",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-15",
						0
					],
					"source": [
						"obj-109",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-110",
						0
					],
					"source": [
						"obj-15",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-98",
						0
					],
					"source": [
						"obj-110",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-112",
						0
					],
					"source": [
						"obj-23",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-113",
						0
					],
					"source": [
						"obj-112",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-114",
						0
					],
					"source": [
						"obj-113",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-115",
						1
					],
					"source": [
						"obj-55",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-117",
						0
					],
					"source": [
						"obj-118",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-119",
						1
					],
					"source": [
						"obj-22",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-119",
						0
					],
					"source": [
						"obj-114",
						6
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-120",
						0
					],
					"source": [
						"obj-119",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-118",
						1
					],
					"source": [
						"obj-120",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-115",
						7
					],
					"source": [
						"obj-120",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-121",
						1
					],
					"source": [
						"obj-33",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-121",
						0
					],
					"source": [
						"obj-114",
						6
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-115",
						8
					],
					"source": [
						"obj-121",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-123",
						0
					],
					"source": [
						"obj-114",
						5
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-124",
						0
					],
					"source": [
						"obj-123",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-122",
						0
					],
					"source": [
						"obj-124",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-126",
						0
					],
					"source": [
						"obj-122",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-127",
						0
					],
					"source": [
						"obj-126",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-125",
						1
					],
					"source": [
						"obj-127",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-128",
						0
					],
					"source": [
						"obj-123",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-125",
						0
					],
					"source": [
						"obj-128",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-129",
						0
					],
					"source": [
						"obj-125",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-115",
						6
					],
					"source": [
						"obj-129",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-98",
						0
					],
					"source": [
						"obj-114",
						4
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-130",
						0
					],
					"source": [
						"obj-98",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-131",
						0
					],
					"source": [
						"obj-130",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-132",
						0
					],
					"source": [
						"obj-131",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-118",
						0
					],
					"source": [
						"obj-132",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-133",
						0
					],
					"source": [
						"obj-131",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-115",
						3
					],
					"source": [
						"obj-133",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-134",
						0
					],
					"source": [
						"obj-133",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-118",
						0
					],
					"source": [
						"obj-134",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-13",
						0
					],
					"source": [
						"obj-114",
						3
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-135",
						0
					],
					"source": [
						"obj-13",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-136",
						0
					],
					"source": [
						"obj-135",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-137",
						0
					],
					"source": [
						"obj-136",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-138",
						0
					],
					"source": [
						"obj-137",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-116",
						0
					],
					"source": [
						"obj-138",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-139",
						0
					],
					"source": [
						"obj-137",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-26",
						0
					],
					"source": [
						"obj-139",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-140",
						0
					],
					"source": [
						"obj-136",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-141",
						0
					],
					"source": [
						"obj-140",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-115",
						2
					],
					"source": [
						"obj-141",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-142",
						0
					],
					"source": [
						"obj-140",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-116",
						0
					],
					"source": [
						"obj-142",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-17",
						0
					],
					"source": [
						"obj-114",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-115",
						4
					],
					"source": [
						"obj-17",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-19",
						0
					],
					"source": [
						"obj-114",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-115",
						5
					],
					"source": [
						"obj-19",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-116",
						1
					],
					"source": [
						"obj-114",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-143",
						0
					],
					"source": [
						"obj-116",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-144",
						0
					],
					"source": [
						"obj-143",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-26",
						0
					],
					"source": [
						"obj-144",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-145",
						0
					],
					"source": [
						"obj-143",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-27",
						0
					],
					"source": [
						"obj-145",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-146",
						0
					],
					"source": [
						"obj-143",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-147",
						0
					],
					"source": [
						"obj-146",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-148",
						0
					],
					"source": [
						"obj-147",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-149",
						1
					],
					"source": [
						"obj-148",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-115",
						0
					],
					"source": [
						"obj-148",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-150",
						0
					],
					"source": [
						"obj-115",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-151",
						0
					],
					"source": [
						"obj-150",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-152",
						0
					],
					"source": [
						"obj-151",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-117",
						1
					],
					"source": [
						"obj-150",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-153",
						0
					],
					"source": [
						"obj-117",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-44",
						0
					],
					"source": [
						"obj-153",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-154",
						0
					],
					"source": [
						"obj-117",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-44",
						0
					],
					"source": [
						"obj-154",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-155",
						0
					],
					"source": [
						"obj-117",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-44",
						0
					],
					"source": [
						"obj-155",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-156",
						0
					],
					"source": [
						"obj-117",
						3
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-44",
						0
					],
					"source": [
						"obj-156",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-157",
						0
					],
					"source": [
						"obj-25",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-149",
						0
					],
					"source": [
						"obj-157",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-158",
						0
					],
					"source": [
						"obj-149",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-159",
						0
					],
					"source": [
						"obj-158",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-44",
						0
					],
					"source": [
						"obj-159",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-161",
						0
					],
					"source": [
						"obj-20",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-160",
						0
					],
					"source": [
						"obj-161",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-19",
						0
					],
					"source": [
						"obj-160",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-163",
						0
					],
					"source": [
						"obj-72",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-164",
						1
					],
					"source": [
						"obj-163",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-165",
						0
					],
					"source": [
						"obj-163",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-166",
						0
					],
					"source": [
						"obj-165",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-164",
						0
					],
					"source": [
						"obj-166",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-167",
						0
					],
					"source": [
						"obj-164",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-168",
						0
					],
					"source": [
						"obj-167",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-26",
						0
					],
					"source": [
						"obj-168",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-169",
						0
					],
					"source": [
						"obj-167",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-26",
						0
					],
					"source": [
						"obj-169",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-170",
						0
					],
					"source": [
						"obj-72",
						3
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-171",
						1
					],
					"source": [
						"obj-170",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-172",
						0
					],
					"source": [
						"obj-170",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-173",
						0
					],
					"source": [
						"obj-172",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-171",
						0
					],
					"source": [
						"obj-173",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-174",
						0
					],
					"source": [
						"obj-171",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-175",
						0
					],
					"source": [
						"obj-174",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-27",
						0
					],
					"source": [
						"obj-175",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-176",
						0
					],
					"source": [
						"obj-174",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-26",
						0
					],
					"source": [
						"obj-176",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-177",
						0
					],
					"source": [
						"obj-72",
						4
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-178",
						1
					],
					"source": [
						"obj-177",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-179",
						0
					],
					"source": [
						"obj-177",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-180",
						0
					],
					"source": [
						"obj-179",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-178",
						0
					],
					"source": [
						"obj-180",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-181",
						0
					],
					"source": [
						"obj-178",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-26",
						0
					],
					"source": [
						"obj-181",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-182",
						0
					],
					"source": [
						"obj-72",
						5
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-183",
						1
					],
					"source": [
						"obj-182",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-184",
						0
					],
					"source": [
						"obj-182",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-185",
						0
					],
					"source": [
						"obj-184",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-183",
						0
					],
					"source": [
						"obj-185",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-186",
						0
					],
					"source": [
						"obj-183",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-26",
						0
					],
					"source": [
						"obj-186",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-188",
						0
					],
					"source": [
						"obj-72",
						8
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-189",
						0
					],
					"source": [
						"obj-188",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-190",
						0
					],
					"source": [
						"obj-189",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-191",
						0
					],
					"source": [
						"obj-190",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-191",
						1
					],
					"source": [
						"obj-55",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-192",
						0
					],
					"source": [
						"obj-191",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-192",
						1
					],
					"source": [
						"obj-189",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-193",
						0
					],
					"source": [
						"obj-192",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-194",
						2
					],
					"source": [
						"obj-193",
						3
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-194",
						1
					],
					"source": [
						"obj-193",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-194",
						0
					],
					"source": [
						"obj-193",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-26",
						0
					],
					"source": [
						"obj-194",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-195",
						0
					],
					"source": [
						"obj-193",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-29",
						0
					],
					"source": [
						"obj-195",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-197",
						0
					],
					"source": [
						"obj-72",
						6
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-198",
						0
					],
					"source": [
						"obj-197",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-199",
						0
					],
					"source": [
						"obj-198",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-200",
						0
					],
					"source": [
						"obj-199",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-200",
						1
					],
					"source": [
						"obj-55",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-201",
						0
					],
					"source": [
						"obj-200",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-201",
						1
					],
					"source": [
						"obj-198",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-202",
						0
					],
					"source": [
						"obj-201",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-203",
						3
					],
					"source": [
						"obj-202",
						5
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-203",
						2
					],
					"source": [
						"obj-202",
						4
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-203",
						1
					],
					"source": [
						"obj-202",
						3
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-203",
						0
					],
					"source": [
						"obj-202",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-160",
						1
					],
					"source": [
						"obj-202",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-30",
						0
					],
					"source": [
						"obj-203",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-206",
						0
					],
					"source": [
						"obj-202",
						6
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-205",
						1
					],
					"source": [
						"obj-206",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-207",
						0
					],
					"source": [
						"obj-206",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-28",
						0
					],
					"source": [
						"obj-207",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-208",
						1
					],
					"source": [
						"obj-202",
						4
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-208",
						2
					],
					"source": [
						"obj-202",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-209",
						0
					],
					"source": [
						"obj-202",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-208",
						0
					],
					"source": [
						"obj-209",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-204",
						1
					],
					"source": [
						"obj-208",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-210",
						0
					],
					"source": [
						"obj-209",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-212",
						0
					],
					"source": [
						"obj-210",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-213",
						0
					],
					"source": [
						"obj-212",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-214",
						0
					],
					"source": [
						"obj-213",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-211",
						1
					],
					"source": [
						"obj-214",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-217",
						0
					],
					"source": [
						"obj-210",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-215",
						0
					],
					"source": [
						"obj-217",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-216",
						0
					],
					"source": [
						"obj-210",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-219",
						0
					],
					"source": [
						"obj-211",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-220",
						0
					],
					"source": [
						"obj-211",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-221",
						1
					],
					"source": [
						"obj-219",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-222",
						1
					],
					"source": [
						"obj-220",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-215",
						1
					],
					"source": [
						"obj-221",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-215",
						1
					],
					"source": [
						"obj-222",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-223",
						0
					],
					"source": [
						"obj-215",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-224",
						0
					],
					"source": [
						"obj-223",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-215",
						0
					],
					"source": [
						"obj-224",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-227",
						0
					],
					"source": [
						"obj-223",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-225",
						1
					],
					"source": [
						"obj-227",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-226",
						1
					],
					"source": [
						"obj-227",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-225",
						1
					],
					"source": [
						"obj-216",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-226",
						1
					],
					"source": [
						"obj-216",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-228",
						0
					],
					"source": [
						"obj-216",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-228",
						0
					],
					"source": [
						"obj-229",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-225",
						0
					],
					"source": [
						"obj-223",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-230",
						0
					],
					"source": [
						"obj-225",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-231",
						0
					],
					"source": [
						"obj-230",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-232",
						0
					],
					"source": [
						"obj-231",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-233",
						0
					],
					"source": [
						"obj-231",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-234",
						0
					],
					"source": [
						"obj-233",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-228",
						0
					],
					"source": [
						"obj-234",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-235",
						0
					],
					"source": [
						"obj-233",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-26",
						0
					],
					"source": [
						"obj-235",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-236",
						0
					],
					"source": [
						"obj-231",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-26",
						0
					],
					"source": [
						"obj-236",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-226",
						0
					],
					"source": [
						"obj-232",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-237",
						0
					],
					"source": [
						"obj-226",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-238",
						0
					],
					"source": [
						"obj-237",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-229",
						0
					],
					"source": [
						"obj-238",
						3
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-216",
						0
					],
					"source": [
						"obj-238",
						3
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-239",
						0
					],
					"source": [
						"obj-238",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-240",
						0
					],
					"source": [
						"obj-239",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-241",
						0
					],
					"source": [
						"obj-240",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-239",
						1
					],
					"source": [
						"obj-241",
						4
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-245",
						0
					],
					"source": [
						"obj-238",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-244",
						1
					],
					"source": [
						"obj-245",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-204",
						0
					],
					"source": [
						"obj-245",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-242",
						1
					],
					"source": [
						"obj-204",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-205",
						0
					],
					"source": [
						"obj-245",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-243",
						1
					],
					"source": [
						"obj-205",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-246",
						0
					],
					"source": [
						"obj-238",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-247",
						0
					],
					"source": [
						"obj-241",
						3
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-211",
						0
					],
					"source": [
						"obj-247",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-221",
						0
					],
					"source": [
						"obj-241",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-248",
						0
					],
					"source": [
						"obj-241",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-222",
						0
					],
					"source": [
						"obj-248",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-249",
						0
					],
					"source": [
						"obj-241",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-252",
						0
					],
					"source": [
						"obj-251",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-253",
						0
					],
					"source": [
						"obj-252",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-254",
						0
					],
					"source": [
						"obj-34",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-255",
						0
					],
					"source": [
						"obj-254",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-255",
						1
					],
					"source": [
						"obj-253",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-256",
						0
					],
					"source": [
						"obj-255",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-257",
						0
					],
					"source": [
						"obj-256",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-230",
						3
					],
					"source": [
						"obj-257",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-258",
						0
					],
					"source": [
						"obj-257",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-259",
						0
					],
					"source": [
						"obj-251",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-260",
						0
					],
					"source": [
						"obj-259",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-261",
						0
					],
					"source": [
						"obj-253",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-260",
						0
					],
					"source": [
						"obj-261",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-228",
						1
					],
					"source": [
						"obj-260",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-262",
						0
					],
					"source": [
						"obj-228",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-229",
						0
					],
					"source": [
						"obj-262",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-232",
						0
					],
					"source": [
						"obj-262",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-263",
						1
					],
					"source": [
						"obj-260",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-264",
						1
					],
					"source": [
						"obj-260",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-266",
						1
					],
					"source": [
						"obj-267",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-230",
						1
					],
					"source": [
						"obj-267",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-267",
						0
					],
					"source": [
						"obj-270",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-268",
						0
					],
					"source": [
						"obj-270",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-271",
						0
					],
					"source": [
						"obj-270",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-269",
						0
					],
					"source": [
						"obj-271",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-272",
						0
					],
					"source": [
						"obj-270",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-26",
						0
					],
					"source": [
						"obj-272",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-267",
						0
					],
					"source": [
						"obj-273",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-274",
						0
					],
					"source": [
						"obj-273",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-269",
						0
					],
					"source": [
						"obj-274",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-275",
						0
					],
					"source": [
						"obj-273",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-26",
						0
					],
					"source": [
						"obj-275",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-225",
						0
					],
					"source": [
						"obj-273",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-276",
						0
					],
					"source": [
						"obj-258",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-270",
						0
					],
					"source": [
						"obj-276",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-277",
						0
					],
					"source": [
						"obj-276",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-278",
						0
					],
					"source": [
						"obj-277",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-264",
						0
					],
					"source": [
						"obj-278",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-279",
						0
					],
					"source": [
						"obj-277",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-263",
						0
					],
					"source": [
						"obj-279",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-280",
						0
					],
					"source": [
						"obj-277",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-26",
						0
					],
					"source": [
						"obj-280",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-281",
						0
					],
					"source": [
						"obj-263",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-282",
						0
					],
					"source": [
						"obj-281",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-263",
						0
					],
					"source": [
						"obj-282",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-270",
						0
					],
					"source": [
						"obj-281",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-283",
						0
					],
					"source": [
						"obj-258",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-273",
						0
					],
					"source": [
						"obj-283",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-284",
						0
					],
					"source": [
						"obj-283",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-285",
						0
					],
					"source": [
						"obj-284",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-263",
						0
					],
					"source": [
						"obj-285",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-286",
						0
					],
					"source": [
						"obj-284",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-264",
						0
					],
					"source": [
						"obj-286",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-287",
						0
					],
					"source": [
						"obj-284",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-26",
						0
					],
					"source": [
						"obj-287",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-288",
						0
					],
					"source": [
						"obj-264",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-289",
						0
					],
					"source": [
						"obj-288",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-264",
						0
					],
					"source": [
						"obj-289",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-273",
						0
					],
					"source": [
						"obj-288",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-290",
						0
					],
					"source": [
						"obj-31",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-276",
						1
					],
					"source": [
						"obj-290",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-291",
						0
					],
					"source": [
						"obj-32",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-283",
						1
					],
					"source": [
						"obj-291",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-293",
						0
					],
					"source": [
						"obj-292",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-270",
						0
					],
					"source": [
						"obj-293",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-294",
						0
					],
					"source": [
						"obj-35",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-230",
						2
					],
					"source": [
						"obj-294",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-295",
						0
					],
					"source": [
						"obj-294",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-229",
						0
					],
					"source": [
						"obj-295",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-225",
						0
					],
					"source": [
						"obj-294",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-296",
						0
					],
					"source": [
						"obj-33",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-266",
						0
					],
					"source": [
						"obj-246",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-297",
						0
					],
					"source": [
						"obj-266",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-298",
						0
					],
					"source": [
						"obj-297",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-26",
						0
					],
					"source": [
						"obj-298",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-299",
						0
					],
					"source": [
						"obj-297",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-300",
						0
					],
					"source": [
						"obj-299",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-301",
						0
					],
					"source": [
						"obj-299",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-26",
						0
					],
					"source": [
						"obj-301",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-304",
						0
					],
					"source": [
						"obj-303",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-304",
						0
					],
					"source": [
						"obj-268",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-304",
						0
					],
					"source": [
						"obj-296",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-305",
						0
					],
					"source": [
						"obj-303",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-305",
						0
					],
					"source": [
						"obj-268",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-305",
						0
					],
					"source": [
						"obj-296",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-306",
						0
					],
					"source": [
						"obj-249",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-306",
						1
					],
					"source": [
						"obj-300",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-304",
						0
					],
					"source": [
						"obj-306",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-305",
						0
					],
					"source": [
						"obj-306",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-308",
						0
					],
					"source": [
						"obj-241",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-309",
						0
					],
					"source": [
						"obj-308",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-307",
						0
					],
					"source": [
						"obj-309",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-311",
						0
					],
					"source": [
						"obj-241",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-312",
						0
					],
					"source": [
						"obj-311",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-310",
						0
					],
					"source": [
						"obj-312",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-315",
						0
					],
					"source": [
						"obj-304",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-315",
						1
					],
					"source": [
						"obj-307",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-313",
						0
					],
					"source": [
						"obj-315",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-316",
						0
					],
					"source": [
						"obj-304",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-316",
						1
					],
					"source": [
						"obj-307",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-314",
						0
					],
					"source": [
						"obj-316",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-317",
						0
					],
					"source": [
						"obj-305",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-317",
						1
					],
					"source": [
						"obj-310",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-313",
						1
					],
					"source": [
						"obj-317",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-318",
						0
					],
					"source": [
						"obj-305",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-318",
						1
					],
					"source": [
						"obj-310",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-314",
						1
					],
					"source": [
						"obj-318",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-321",
						0
					],
					"source": [
						"obj-313",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-321",
						1
					],
					"source": [
						"obj-269",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-36",
						0
					],
					"source": [
						"obj-321",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-322",
						0
					],
					"source": [
						"obj-36",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-322",
						1
					],
					"source": [
						"obj-319",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-320",
						0
					],
					"source": [
						"obj-322",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-323",
						0
					],
					"source": [
						"obj-314",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-323",
						1
					],
					"source": [
						"obj-269",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-36",
						1
					],
					"source": [
						"obj-323",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-324",
						0
					],
					"source": [
						"obj-36",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-324",
						1
					],
					"source": [
						"obj-319",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-320",
						1
					],
					"source": [
						"obj-324",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-327",
						1
					],
					"source": [
						"obj-38",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-328",
						0
					],
					"source": [
						"obj-327",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-329",
						0
					],
					"source": [
						"obj-328",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-326",
						1
					],
					"source": [
						"obj-329",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-326",
						0
					],
					"source": [
						"obj-328",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-330",
						0
					],
					"source": [
						"obj-40",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-331",
						0
					],
					"source": [
						"obj-330",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-326",
						2
					],
					"source": [
						"obj-331",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-332",
						0
					],
					"source": [
						"obj-41",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-244",
						0
					],
					"source": [
						"obj-332",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-333",
						0
					],
					"source": [
						"obj-244",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-334",
						0
					],
					"source": [
						"obj-333",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-42",
						0
					],
					"source": [
						"obj-334",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-335",
						0
					],
					"source": [
						"obj-333",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-336",
						0
					],
					"source": [
						"obj-335",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-327",
						0
					],
					"source": [
						"obj-336",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-338",
						0
					],
					"source": [
						"obj-326",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-339",
						0
					],
					"source": [
						"obj-338",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-337",
						0
					],
					"source": [
						"obj-339",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-340",
						0
					],
					"source": [
						"obj-338",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-337",
						0
					],
					"source": [
						"obj-340",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-342",
						0
					],
					"source": [
						"obj-337",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-343",
						0
					],
					"source": [
						"obj-342",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-341",
						1
					],
					"source": [
						"obj-343",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-344",
						0
					],
					"source": [
						"obj-342",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-345",
						0
					],
					"source": [
						"obj-344",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-42",
						0
					],
					"source": [
						"obj-345",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-347",
						0
					],
					"source": [
						"obj-336",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-346",
						0
					],
					"source": [
						"obj-347",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-348",
						0
					],
					"source": [
						"obj-336",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-341",
						0
					],
					"source": [
						"obj-348",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-349",
						0
					],
					"source": [
						"obj-341",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-346",
						1
					],
					"source": [
						"obj-349",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-350",
						0
					],
					"source": [
						"obj-346",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-351",
						0
					],
					"source": [
						"obj-350",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-42",
						0
					],
					"source": [
						"obj-351",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-352",
						0
					],
					"source": [
						"obj-346",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-353",
						0
					],
					"source": [
						"obj-352",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-42",
						0
					],
					"source": [
						"obj-353",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-354",
						0
					],
					"source": [
						"obj-350",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-242",
						0
					],
					"source": [
						"obj-354",
						3
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-355",
						0
					],
					"source": [
						"obj-242",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-356",
						1
					],
					"source": [
						"obj-355",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-357",
						1
					],
					"source": [
						"obj-355",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-356",
						0
					],
					"source": [
						"obj-355",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-243",
						0
					],
					"source": [
						"obj-354",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-358",
						0
					],
					"source": [
						"obj-243",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-357",
						0
					],
					"source": [
						"obj-358",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-359",
						1
					],
					"source": [
						"obj-357",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-360",
						0
					],
					"source": [
						"obj-356",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-362",
						0
					],
					"source": [
						"obj-360",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-361",
						1
					],
					"source": [
						"obj-362",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-363",
						0
					],
					"source": [
						"obj-249",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-364",
						0
					],
					"source": [
						"obj-360",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-365",
						0
					],
					"source": [
						"obj-364",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-363",
						1
					],
					"source": [
						"obj-365",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-219",
						0
					],
					"source": [
						"obj-363",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-220",
						0
					],
					"source": [
						"obj-363",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-366",
						0
					],
					"source": [
						"obj-354",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-346",
						0
					],
					"source": [
						"obj-366",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-367",
						0
					],
					"source": [
						"obj-354",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-368",
						0
					],
					"source": [
						"obj-367",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-361",
						0
					],
					"source": [
						"obj-368",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-341",
						0
					],
					"source": [
						"obj-361",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-348",
						0
					],
					"source": [
						"obj-368",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-370",
						0
					],
					"source": [
						"obj-352",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-371",
						0
					],
					"source": [
						"obj-370",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-341",
						0
					],
					"source": [
						"obj-371",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-369",
						1
					],
					"source": [
						"obj-349",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-359",
						0
					],
					"source": [
						"obj-370",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-372",
						0
					],
					"source": [
						"obj-359",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-369",
						0
					],
					"source": [
						"obj-372",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-373",
						0
					],
					"source": [
						"obj-370",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-42",
						0
					],
					"source": [
						"obj-373",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-379",
						0
					],
					"source": [
						"obj-378",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-90",
						0
					],
					"source": [
						"obj-379",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-377",
						0
					],
					"source": [
						"obj-379",
						1
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-10",
						0
					],
					"source": [
						"obj-379",
						2
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-8",
						0
					],
					"source": [
						"obj-379",
						3
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-6",
						0
					],
					"source": [
						"obj-379",
						4
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-40",
						0
					],
					"source": [
						"obj-379",
						5
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-38",
						0
					],
					"source": [
						"obj-379",
						6
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-35",
						0
					],
					"source": [
						"obj-379",
						7
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-34",
						0
					],
					"source": [
						"obj-379",
						8
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-33",
						0
					],
					"source": [
						"obj-379",
						9
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-4",
						0
					],
					"source": [
						"obj-379",
						10
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-375",
						0
					],
					"source": [
						"obj-379",
						11
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-376",
						0
					],
					"source": [
						"obj-379",
						12
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-241",
						0
					],
					"source": [
						"obj-376",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-44",
						0
					],
					"source": [
						"obj-375",
						0
					]
				}
			},
			{
				"patchline": {
					"destination": [
						"obj-71",
						0
					],
					"source": [
						"obj-377",
						0
					]
				}
			}
		],
		"minimum_live_version": "",
		"minimum_max_version": "",
		"openinpresentation": 1,
		"openrect": [
			0.0,
			0.0,
			640.0,
			169.0
		],
		"parameters": {
			"inherited_shortname": 1,
			"obj-10": [
				"Reply Port",
				"Reply Port",
				0
			],
			"obj-13": [
				"Prompt",
				"Prompt",
				0
			],
			"obj-17": [
				"Seconds",
				"Seconds",
				0
			],
			"obj-19": [
				"Seed",
				"Seed",
				0
			],
			"obj-20": [
				"Reuse Seed",
				"Reuse Seed",
				0
			],
			"obj-22": [
				"Bars",
				"Bars",
				0
			],
			"obj-23": [
				"Generate",
				"Generate",
				0
			],
			"obj-24": [
				"Next Take",
				"Next Take",
				0
			],
			"obj-25": [
				"Cancel",
				"Cancel",
				0
			],
			"obj-27": [
				"Progress",
				"Progress",
				0
			],
			"obj-31": [
				"Play",
				"Play",
				0
			],
			"obj-32": [
				"Stop",
				"Stop",
				0
			],
			"obj-33": [
				"Loop",
				"Loop",
				0
			],
			"obj-34": [
				"Quantise",
				"Quantise",
				0
			],
			"obj-35": [
				"Hold",
				"Hold",
				0
			],
			"obj-36": [
				"Gain",
				"Gain",
				0
			],
			"obj-38": [
				"Clip Track",
				"Clip Track",
				0
			],
			"obj-4": [
				"Slot",
				"Slot",
				0
			],
			"obj-40": [
				"Clip Scene",
				"Clip Scene",
				0
			],
			"obj-41": [
				"Send to Clip",
				"Send to Clip",
				0
			],
			"obj-6": [
				"Host",
				"Host",
				0
			],
			"obj-8": [
				"Daemon Port",
				"Daemon Port",
				0
			],
			"obj-98": [
				"Engine",
				"Engine",
				0
			]
		},
		"platform_compatibility": 0,
		"rect": [
			40.0,
			80.0,
			1400.0,
			820.0
		],
		"tags": "fragmentd osc"
	}
}
